using Streamiz.Kafka.Net.Crosscutting;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.State.Supplier;

namespace StreamWorker.Topology.State;

/// <summary>Wraps a key-value store supplier so that each task's store reports its commits (<see cref="CommitReportingStore"/>).</summary>
public sealed class CommitReportingStoreSupplier(IKeyValueBytesStoreSupplier inner, CommitSignals signals) : IKeyValueBytesStoreSupplier
{
    public string Name
    {
        get => inner.Name;
        set => inner.Name = value;
    }

    public string MetricsScope => inner.MetricsScope;

    public IKeyValueStore<Bytes, byte[]> Get() => new CommitReportingStore(inner.Get(), signals);
}
