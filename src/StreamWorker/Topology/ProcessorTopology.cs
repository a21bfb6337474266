using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.State.Supplier;
using Streamiz.Kafka.Net.Stream;
using StreamWorker.Aggregates;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.Stages;
using StreamWorker.Topology.State;

namespace StreamWorker.Topology;

/// <summary>
/// The processor's Streamiz topology (docs/topology.md):
/// <c>webhook-events</c> → conference stage (store <see cref="ConferenceStore"/>) →
/// one branch to participants, churn, dead letters and attempt changes; attempt changes → repartition
/// <see cref="DialoutRepartition"/> by company → company stage (store <see cref="CompanyStore"/>) → dial-out answer
/// rate. Every store and repartition is named, so the internal topic names are stable and can be created up front.
/// </summary>
public static class ProcessorTopology
{
    public const string ConferenceStore = "conference-state";
    public const string CompanyStore = "company-dialout-state";
    public const string DialoutRepartition = "dialout-attempts";

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

        var routes = builder
            .Stream(topics.Events, new StringSerDes(), new ByteArraySerDes(), "read-events", new EventTimeExtractor())
            .Transform(
                TransformerBuilder.New<string, byte[], string, StageOutput>()
                    .Transformer<StageTransformer<byte[], StageOutput>>(Stage(() => new ConferenceStageTransformer(settings, topics, telemetry, commits, options.IdleCloseAfter, telemetry.Time, eventsPartitions, liveness, retentionLoss)))
                    .StateStore(StageStore(ConferenceStore, options, commits))
                    .Build(),
                "conference-stage")
            .Branch(
                "route",
                (_, v, _) => v.Kind == OutputKind.Participants,
                (_, v, _) => v.Kind == OutputKind.LivestreamChurn,
                (_, v, _) => v.Kind == OutputKind.DeadLetter,
                (_, v, _) => v.Kind == OutputKind.DialoutAttemptChange);

        To(routes[0], topics.Participants, "participants");
        To(routes[1], topics.LivestreamChurn, "livestream-churn");
        To(routes[2], topics.DeadLetter, "dead-letters");

        // No explicit partition count: the repartition topic follows the events topic (docs/topics.md). Attempt changes
        // go by company; progress records, one per company partition, to the partition each was made for.
        routes[3]
            .MapValues((v, _) => v.Change!, "dialout-changes")
            .Repartition(Repartitioned<string, DialoutAttemptChange>.As(DialoutRepartition)
                .WithStreamPartitioner(new DialoutPartitioner())
                .WithKeySerdes(new StringSerDes())
                .WithValueSerdes(new CodecSerDes<DialoutAttemptChange>(StateValueCodec.Serialize, StateValueCodec.DeserializeChange)))
            .Transform(
                TransformerBuilder.New<string, DialoutAttemptChange, string, byte[]>()
                    .Transformer<StageTransformer<DialoutAttemptChange, byte[]>>(Stage(() => new CompanyStageTransformer(settings, topics, telemetry, commits, liveness)))
                    .StateStore(StageStore(CompanyStore, options, commits))
                    .Build(),
                "company-stage")
            .ToByKey(topics.DialoutAnswerRate, new StringSerDes(), new ByteArraySerDes(), "write-dialout-answer-rate");
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
            $"{options.ApplicationId}-{DialoutRepartition}-repartition",
        ];
    }

    /// <summary>Output topics are written without Streamiz's per-record partitioner (<see cref="KeyPartitionedSink"/>).</summary>
    private static void To(IKStream<string, StageOutput> route, string topic, string name) =>
        route
            .MapValues((v, _) => v.Value!, $"{name}-bytes")
            .ToByKey(topic, new StringSerDes(), new ByteArraySerDes(), $"write-{name}");

    /// <summary>The constructor argument of <see cref="StageTransformer{TValue, TValueOut}"/>: Streamiz calls it once per task.</summary>
    private static Func<ITransformer<string, TValue, string, TValueOut>> Stage<TValue, TValueOut>(Func<ITransformer<string, TValue, string, TValueOut>> create) => create;

    /// <summary>
    /// A stage's key-value store: logged and never cached, so its writes reach the changelog in the order the stage
    /// makes them (what keeps at-least-once restarts exact, docs/topology.md "Restarts"), and reporting its commits.
    /// </summary>
    private static IStoreBuilder StageStore(string name, ProcessorOptions options, CommitSignals commits)
    {
        IKeyValueBytesStoreSupplier supplier = options.UseRocksDb ? Stores.PersistentKeyValueStore(name) : new CompactKeyValueStoreSupplier(name);
        return Stores.KeyValueStoreBuilder(new CommitReportingStoreSupplier(supplier, commits), new StringSerDes(), new CodecSerDes<StateValue>(StateValueCodec.Serialize, StateValueCodec.Deserialize))
            .WithLoggingEnabled(new Dictionary<string, string>());
    }
}
