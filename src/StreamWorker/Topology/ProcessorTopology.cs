using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.State.Supplier;
using Streamiz.Kafka.Net.Stream;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.Stages;
using StreamWorker.Topology.State;

namespace StreamWorker.Topology;

/// <summary>
/// The processor's Streamiz topology (docs/topology.md):
/// <c>webhook-events</c> → conference stage (store <see cref="ConferenceStore"/>) →
/// one named route each to participants, churn, sessions, dead letters and company changes (<see cref="OutputRoutes"/>);
/// company changes (dial-out attempt changes, usage counts, progress) → repartition <see cref="CompanyRepartition"/> by
/// company → company stage (store <see cref="CompanyStore"/>) → dial-out answer rate and company usage. Every store and
/// repartition is named, so the internal topic names are stable and can be created up front.
/// </summary>
public static class ProcessorTopology
{
    public const string ConferenceStore = "conference-state";
    public const string CompanyStore = "company-state";
    public const string CompanyRepartition = "company-changes";

    /// <param name="builder">Where the topology is built.</param>
    /// <param name="options">Processor settings.</param>
    /// <param name="topics">Topic names.</param>
    /// <param name="telemetry">The processor's meters and activity source.</param>
    /// <param name="eventsPartitions">
    /// Partitions of the events topic (and so of the repartition topic): every events partition sends its progress to
    /// every company partition, and a dial-out window closes once all of them have passed it.
    /// </param>
    /// <param name="liveness">Told when the stages' tasks start and close (readiness and the stall watch); none in tests of the topology alone.</param>
    /// <param name="retentionLoss">Told of events-topic records removed by retention before they were read; none in tests of the topology alone.</param>
    public static void Build(
        StreamBuilder builder, ProcessorOptions options, TopicOptions topics, ProcessorTelemetry telemetry, int eventsPartitions,
        ProcessorLiveness? liveness = null, RetentionLoss? retentionLoss = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPartitions);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        var settings = options.ToAggregateSettings();
        var commits = new CommitSignals();
        var writeCache = new WriteCacheBudget(options.WriteCacheKeys);

        var routes = OutputRoutes.Split(
            builder
                .Stream(topics.Events, new StringSerDes(), new ByteArraySerDes(), "read-events", new EventTimeExtractor())
                .Transform(
                    TransformerBuilder.New<string, byte[], string, StageOutput>()
                        .Transformer<StageTransformer<byte[], StageOutput>>(Stage(() => new ConferenceStageTransformer(settings, topics, telemetry, commits, writeCache, options.IdleCloseAfter, telemetry.Time, eventsPartitions, liveness, retentionLoss)))
                        .StateStore(StageStore(ConferenceStore, options, commits))
                        .Build(),
                    "conference-stage"),
            "route",
            OutputRoutes.ConferenceStage);

        To(routes[OutputKind.Participants], topics.Participants, "participants", new RecordSerDes<ParticipantsRecord>(OutputRecordJson.Serialize));
        To(routes[OutputKind.LivestreamChurn], topics.LivestreamChurn, "livestream-churn", new RecordSerDes<LivestreamChurnRecord>(OutputRecordJson.Serialize));
        To(routes[OutputKind.Sessions], topics.Sessions, "sessions", new RecordSerDes<SessionRecord>(OutputRecordJson.Serialize));
        To(routes[OutputKind.DeadLetter], topics.DeadLetter, "dead-letters", new ByteArraySerDes());

        // No explicit partition count: the repartition topic follows the events topic (docs/topics.md). Attempt changes
        // and usage counts go by company; progress records, one per company partition, to the partition each was made for.
        var company = OutputRoutes.Split(
            routes[OutputKind.CompanyChange]
                .MapValues((v, _) => (CompanyChange)v.Value, "company-changes")
                .Repartition(Repartitioned<string, CompanyChange>.As(CompanyRepartition)
                    .WithStreamPartitioner(new CompanyPartitioner())
                    .WithKeySerdes(new StringSerDes())
                    .WithValueSerdes(new CodecSerDes<CompanyChange>(StateValueCodec.Serialize, StateValueCodec.DeserializeChange)))
                .Transform(
                    TransformerBuilder.New<string, CompanyChange, string, StageOutput>()
                        .Transformer<StageTransformer<CompanyChange, StageOutput>>(Stage(() => new CompanyStageTransformer(settings, topics, telemetry, commits, writeCache, liveness)))
                        .StateStore(StageStore(CompanyStore, options, commits))
                        .Build(),
                    "company-stage"),
            "company-route",
            OutputRoutes.CompanyStage);
        To(company[OutputKind.DialoutAnswerRate], topics.DialoutAnswerRate, "dialout-answer-rate", new RecordSerDes<DialoutAnswerRateRecord>(OutputRecordJson.Serialize));
        To(company[OutputKind.CompanyUsage], topics.CompanyUsage, "company-usage", new RecordSerDes<CompanyUsageRecord>(OutputRecordJson.Serialize));
    }

    /// <summary>
    /// The internal topics Streamiz needs (changelogs and the repartition topic), named
    /// <c>&lt;application id&gt;-&lt;name&gt;-changelog|repartition</c>; create them with the events topic's partitions.
    /// </summary>
    public static IReadOnlyList<string> InternalTopics(ProcessorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            $"{options.ApplicationId}-{ConferenceStore}-changelog",
            $"{options.ApplicationId}-{CompanyStore}-changelog",
            $"{options.ApplicationId}-{CompanyRepartition}-repartition",
        ];
    }

    /// <summary>Output topics are written without Streamiz's per-record partitioner (<see cref="KeyPartitionedSink"/>), each in its own type.</summary>
    private static void To<T>(IKStream<string, StageOutput> route, string topic, string name, ISerDes<T> serdes) =>
        route
            .MapValues((v, _) => (T)v.Value, $"{name}-value")
            .ToByKey(topic, new StringSerDes(), serdes, $"write-{name}");

    /// <summary>The constructor argument of <see cref="StageTransformer{TValue, TValueOut}"/>: Streamiz calls it once per task.</summary>
    private static Func<ITransformer<string, TValue, string, TValueOut>> Stage<TValue, TValueOut>(Func<ITransformer<string, TValue, string, TValueOut>> create) => create;

    /// <summary>
    /// A stage's key-value store: logged, without Streamiz's cache (which flushes keys in no particular order), so its
    /// writes reach the changelog in the order the stage sends them (the conference stage's own cache sends them in
    /// rank order: what keeps at-least-once restarts exact, docs/topology.md "Restarts"), and reporting its commits.
    /// </summary>
    private static IStoreBuilder StageStore(string name, ProcessorOptions options, CommitSignals commits)
    {
        IKeyValueBytesStoreSupplier supplier = options.UseRocksDb ? Stores.PersistentKeyValueStore(name) : new CompactKeyValueStoreSupplier(name);
        return Stores.KeyValueStoreBuilder(new CommitReportingStoreSupplier(supplier, commits), new StringSerDes(), new CodecSerDes<StateValue>(StateValueCodec.Serialize, StateValueCodec.Deserialize))
            .WithLoggingEnabled(new Dictionary<string, string>());
    }
}
