using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.State;

namespace StreamWorker.Topology.Stages;

/// <summary>
/// The company stage in the topology: applies attempt changes and usage counts (repartitioned by company) with
/// <see cref="CompanyStage"/> and emits the window's <c>analytics-dialout-answer-rate</c> or <c>analytics-company-usage</c>
/// record; progress records from the events partitions complete windows (their final records).
/// </summary>
public sealed class CompanyStageTransformer : ITransformer<string, CompanyChange, string, StageOutput>
{
    private readonly AggregateSettings settings;
    private readonly TopicOptions topics;
    private readonly ProcessorTelemetry telemetry;
    private readonly CommitSignals commits;
    private readonly ProcessorLiveness? liveness;
    private ProcessorContext<string, StageOutput>? context;
    private StreamizStageStore? store;
    private CompanyStage? stage;
    private InputPositions positions = new();

    public CompanyStageTransformer(AggregateSettings settings, TopicOptions topics, ProcessorTelemetry telemetry, CommitSignals commits, ProcessorLiveness? liveness = null)
    {
        this.liveness = liveness;
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.topics = topics ?? throw new ArgumentNullException(nameof(topics));
        this.telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        this.commits = commits ?? throw new ArgumentNullException(nameof(commits));
    }

    public void Init(ProcessorContext<string, StageOutput> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        store = new StreamizStageStore((IKeyValueStore<string, StateValue>)context.GetStateStore(ProcessorTopology.CompanyStore), telemetry.StateWritten);
        stage = new CompanyStage(settings, store);
        positions = new InputPositions();
        commits.Subscribe(context.Id, store.OnCommit);
        liveness?.TaskStarted(ProcessorTopology.CompanyStore, context.Id.ToString());
    }

    public Record<string, StageOutput>? Process(Record<string, CompanyChange> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        store!.RunDue();
        var result = stage!.Apply(record.Value, positions.Next(context!.Offset));
        foreach (var output in result.Records)
        {
            var (kind, key) = ConferenceOutputs.Route(output);
            var topic = ConferenceOutputs.Topic(kind, topics)!;
            if (output is DialoutAnswerRateRecord { Final: true } or CompanyUsageRecord { Final: true }) telemetry.WindowClosed(topic, "stream_time");
            else telemetry.RecordEmitted(topic, DateTimeOffset.FromUnixTimeMilliseconds(record.Value.EventTimeMs), receivedAt: null);
            context.Forward(key, new StageOutput(kind, output));
        }

        return null;
    }

    public void Close()
    {
        if (context is not null) commits.Unsubscribe(context.Id);
        if (context is not null) liveness?.TaskClosed(ProcessorTopology.CompanyStore, context.Id.ToString());
    }
}
