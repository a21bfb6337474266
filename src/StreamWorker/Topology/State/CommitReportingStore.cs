using Streamiz.Kafka.Net.Crosscutting;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors;
using Streamiz.Kafka.Net.Processors.Internal;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.State.Enumerator;

namespace StreamWorker.Topology.State;

/// <summary>A bytes store (in memory or RocksDB) that reports each flush, that is each commit of its task, to <see cref="CommitSignals"/>.</summary>
public sealed class CommitReportingStore(IKeyValueStore<Bytes, byte[]> inner, CommitSignals signals) : IKeyValueStore<Bytes, byte[]>
{
    private TaskId? task;

    public string Name => inner.Name;
    public bool Persistent => inner.Persistent;
    public bool IsLocally => inner.IsLocally;
    public bool IsOpen => inner.IsOpen;

    public void Init(ProcessorContext context, IStateStore root)
    {
        ArgumentNullException.ThrowIfNull(context);
        task = context.Id;
        inner.Init(context, root);
    }

    public void Flush()
    {
        inner.Flush();
        if (task is { } id) signals.Committing(id);
    }

    public void Close() => inner.Close();
    public byte[] Get(Bytes key) => inner.Get(key);
    public IKeyValueEnumerator<Bytes, byte[]> Range(Bytes from, Bytes to) => inner.Range(from, to);
    public IKeyValueEnumerator<Bytes, byte[]> ReverseRange(Bytes from, Bytes to) => inner.ReverseRange(from, to);
    public IEnumerable<KeyValuePair<Bytes, byte[]>> All() => inner.All();
    public IEnumerable<KeyValuePair<Bytes, byte[]>> ReverseAll() => inner.ReverseAll();
    public long ApproximateNumEntries() => inner.ApproximateNumEntries();
    public void Put(Bytes key, byte[] value) => inner.Put(key, value);
    public byte[] PutIfAbsent(Bytes key, byte[] value) => inner.PutIfAbsent(key, value);
    public void PutAll(IEnumerable<KeyValuePair<Bytes, byte[]>> entries) => inner.PutAll(entries);
    public byte[] Delete(Bytes key) => inner.Delete(key);
}
