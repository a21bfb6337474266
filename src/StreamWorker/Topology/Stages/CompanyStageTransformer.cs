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
    private readonly WriteCacheBudget writeCache;
    private StreamizStageStore? store;
    private CachingStageStore? cache;
    private CompanyStage? stage;
    private InputPositions positions = new();

    public CompanyStageTransformer(AggregateSettings settings, TopicOptions topics, ProcessorTelemetry telemetry, CommitSignals commits, WriteCacheBudget writeCache, ProcessorLiveness? liveness = null)
    {
        this.writeCache = writeCache ?? throw new ArgumentNullException(nameof(writeCache));
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
        // Held back between commits like the conference stage's writes: a usage window counted by many events costs one
        // changelog record a commit. The company stage writes in rank order too, so a crash during a flush stays exact.
        cache = new CachingStageStore(store, writeCache);
        stage = new CompanyStage(settings, cache);
        positions = new InputPositions();
        commits.Subscribe(context.Id, OnCommit);
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

    private void OnCommit()
    {
        cache!.Flush();
        store!.OnCommit();
    }

    public void Close()
    {
        if (context is not null) commits.Unsubscribe(context.Id);
        cache?.Abandon();
        if (context is not null) liveness?.TaskClosed(ProcessorTopology.CompanyStore, context.Id.ToString());
    }
}
