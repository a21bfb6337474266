using Streamiz.Kafka.Net.Crosscutting;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.State.Supplier;

namespace StreamWorker.Topology.State;

/// <summary>Supplies a <see cref="CompactKeyValueStore"/> per task (<c>Processor:StateStore</c> <c>memory</c>).</summary>
public sealed class CompactKeyValueStoreSupplier(string name) : IKeyValueBytesStoreSupplier
{
    public string Name { get; set; } = name;

    public string MetricsScope => "in-memory-state";

    public IKeyValueStore<Bytes, byte[]> Get() => new CompactKeyValueStore(Name);
}
