using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using StreamWorker.Aggregates;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;

namespace StreamWorker.Topology;

/// <summary>
/// The company stage: reads attempt changes repartitioned by company, keeps per company window the outcome of
/// each attempt (one value per company in one store) and emits the window's <c>analytics-dialout-answer-rate</c> record.
/// </summary>
public sealed class CompanyDialoutTransformer(AggregateSettings settings, TopicOptions topics, ProcessorTelemetry telemetry)
    : ITransformer<string, byte[], string, byte[]>
{
    private readonly CompanyDialoutAggregator aggregator = new(settings);

    /// <summary>Streamiz requires a parameterless constructor; the topology always passes its settings.</summary>
    public CompanyDialoutTransformer()
        : this(AggregateSettings.Default, new TopicOptions(), ProcessorTelemetry.Shared)
    {
    }
    private IKeyValueStore<string, byte[]>? store;

    public void Init(ProcessorContext<string, byte[]> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        store = (IKeyValueStore<string, byte[]>)context.GetStateStore(ProcessorTopology.CompanyStore);
    }

    public Record<string, byte[]>? Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var change = StateCodec.DeserializeChange(record.Value);
        var state = store!.Get(record.Key) is { } bytes ? StateCodec.DeserializeCompany(bytes) : new CompanyDialoutState(change.CompanyId);
        var output = aggregator.Apply(state, change);
        if (output is null) return null;

        store.Put(record.Key, StateCodec.Serialize(state));
        telemetry.RecordEmitted(topics.DialoutAnswerRate, DateTimeOffset.FromUnixTimeMilliseconds(change.EventTimeMs), receivedAt: null);
        return Record<string, byte[]>.Create(record.Key, OutputRecordJson.Serialize(output));
    }

    public void Close()
    {
    }
}
