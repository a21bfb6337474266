using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Crosscutting;
using Streamiz.Kafka.Net.Processors;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.State.Enumerator;

namespace StreamWorker.Topology.State;

/// <summary>
/// The in-memory store of one task's stage. A stage keeps about a million small entries per ten thousand live
/// conferences (one per seen event id, member and window), so the per-entry overhead decides the processor's memory:
/// here an entry is one array holding its key and value, in a hash set looked up by the key's bytes, about half of
/// what Streamiz's in-memory store spends on a key wrapper, two arrays and a concurrent-dictionary node (whose
/// key hash also allocates on every lookup). Like every store of a task it is used only by the task's stream thread.
/// </summary>
public sealed class CompactKeyValueStore(string name) : IKeyValueStore<Bytes, byte[]>
{
    private readonly HashSet<byte[]> _entries = new(StoreEntry.Comparer);

    public string Name { get; } = name;

    public bool Persistent => false;

    public bool IsLocally => true;

    public bool IsOpen { get; private set; }

    public void Init(ProcessorContext context, IStateStore root)
    {
        ArgumentNullException.ThrowIfNull(context);
        _entries.Clear();
        if (root is not null)
        {
            // Restoring from the changelog puts every record back, deletes (null values) included.
            context.Register(root, (key, value, _) => Put(key, value));
        }

        IsOpen = true;
    }

    // Streamiz's store interfaces are annotated non-null but mean "null when absent", as Streamiz's own stores answer.
    public byte[] Get(Bytes key) =>
        ByKey.TryGetValue(KeyOf(key), out var entry) ? StoreEntry.Value(entry).ToArray() : null!;

    public void Put(Bytes key, byte[]? value)
    {
        var k = KeyOf(key);
        ByKey.Remove(k);
        if (value is not null) _entries.Add(StoreEntry.Create(k, value));
    }

    public byte[] PutIfAbsent(Bytes key, byte[] value)
    {
        var old = Get(key);
        if (old is null) Put(key, value);
        return old!;
    }

    public void PutAll(IEnumerable<KeyValuePair<Bytes, byte[]>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries) Put(key, value);
    }

    public byte[] Delete(Bytes key)
    {
        var k = KeyOf(key);
        if (!ByKey.TryGetValue(k, out var entry)) return null!;
        ByKey.Remove(k);
        return StoreEntry.Value(entry).ToArray();
    }

    public long ApproximateNumEntries() => _entries.Count;

    public IEnumerable<KeyValuePair<Bytes, byte[]>> All() => Sorted(null, null, forward: true);

    public IEnumerable<KeyValuePair<Bytes, byte[]>> ReverseAll() => Sorted(null, null, forward: false);

    public IKeyValueEnumerator<Bytes, byte[]> Range(Bytes from, Bytes to) => new ListKeyValueEnumerator(Sorted(from, to, forward: true));

    public IKeyValueEnumerator<Bytes, byte[]> ReverseRange(Bytes from, Bytes to) => new ListKeyValueEnumerator(Sorted(from, to, forward: false));

    public void Flush()
    {
        // In memory: nothing to write; the changelog has every change already.
    }

    public void Close()
    {
        _entries.Clear();
        _entries.TrimExcess();
        IsOpen = false;
    }

    private HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> ByKey => _entries.GetAlternateLookup<ReadOnlySpan<byte>>();

    private static ReadOnlySpan<byte> KeyOf(Bytes key) => (key ?? throw new ArgumentNullException(nameof(key))).Get;

    /// <summary>A copy of the entries in key order (Range and All are not on the processing path).</summary>
    private List<KeyValuePair<Bytes, byte[]>> Sorted(Bytes? from, Bytes? to, bool forward)
    {
        var list = new List<KeyValuePair<Bytes, byte[]>>();
        foreach (var entry in _entries)
        {
            var key = Bytes.Wrap(StoreEntry.Key(entry).ToArray());
            if (from is not null && key.CompareTo(from) < 0) continue;
            if (to is not null && key.CompareTo(to) > 0) continue;
            list.Add(new KeyValuePair<Bytes, byte[]>(key, StoreEntry.Value(entry).ToArray()));
        }

        list.Sort((a, b) => forward ? a.Key.CompareTo(b.Key) : b.Key.CompareTo(a.Key));
        return list;
    }
}
