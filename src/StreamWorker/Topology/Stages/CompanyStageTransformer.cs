using System.Globalization;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.State;

namespace StreamWorker.Topology.Stages;

/// <summary>
/// The company stage in the topology: applies attempt changes (repartitioned by company) with
/// <see cref="CompanyDialoutStage"/> and emits the window's <c>analytics-dialout-answer-rate</c> records; progress records
/// from the events partitions complete windows (their final records).
/// </summary>
public sealed class CompanyStageTransformer : ITransformer<string, DialoutAttemptChange, string, DialoutAnswerRateRecord>
{
    private readonly AggregateSettings settings;
    private readonly TopicOptions topics;
    private readonly ProcessorTelemetry telemetry;
    private readonly CommitSignals commits;
    private readonly ProcessorLiveness? liveness;
    private ProcessorContext<string, DialoutAnswerRateRecord>? context;
    private StreamizStageStore? store;
    private CompanyDialoutStage? stage;
    private InputPositions positions = new();

    public CompanyStageTransformer(AggregateSettings settings, TopicOptions topics, ProcessorTelemetry telemetry, CommitSignals commits, ProcessorLiveness? liveness = null)
    {
        this.liveness = liveness;
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.topics = topics ?? throw new ArgumentNullException(nameof(topics));
        this.telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        this.commits = commits ?? throw new ArgumentNullException(nameof(commits));
    }

    public void Init(ProcessorContext<string, DialoutAnswerRateRecord> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        store = new StreamizStageStore((IKeyValueStore<string, StateValue>)context.GetStateStore(ProcessorTopology.CompanyStore), telemetry.StateWritten);
        stage = new CompanyDialoutStage(settings, store);
        positions = new InputPositions();
        commits.Subscribe(context.Id, store.OnCommit);
        liveness?.TaskStarted(ProcessorTopology.CompanyStore, context.Id.ToString());
    }

    public Record<string, DialoutAnswerRateRecord>? Process(Record<string, DialoutAttemptChange> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        store!.RunDue();
        var result = stage!.Apply(record.Value, positions.Next(context!.Offset));
        foreach (var output in result.Records)
        {
            if (output.Final) telemetry.WindowClosed(topics.DialoutAnswerRate, "stream_time");
            else telemetry.RecordEmitted(topics.DialoutAnswerRate, DateTimeOffset.FromUnixTimeMilliseconds(record.Value.EventTimeMs), receivedAt: null);
            context.Forward(output.CompanyId.ToString(CultureInfo.InvariantCulture), output);
        }

        return null;
    }

    public void Close()
    {
        if (context is not null) commits.Unsubscribe(context.Id);
        if (context is not null) liveness?.TaskClosed(ProcessorTopology.CompanyStore, context.Id.ToString());
    }
}
