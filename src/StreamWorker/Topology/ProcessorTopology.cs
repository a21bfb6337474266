using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Stream;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;

namespace StreamWorker.Topology;

/// <summary>
/// The processor's Streamiz topology (docs/topology.md):
/// <c>webhook-events</c> → conference stage (store <see cref="ConferenceStore"/>) → participants, churn, dead letters;
/// attempt changes → repartition <see cref="DialoutRepartition"/> by company → company stage
/// (store <see cref="CompanyStore"/>) → dial-out answer rate. Every store and repartition is named, so the
/// internal topic names are stable and can be created up front.
/// </summary>
public static class ProcessorTopology
{
    public const string ConferenceStore = "conference-state";
    public const string CompanyStore = "company-dialout-state";
    public const string DialoutRepartition = "dialout-attempts";

    public static void Build(StreamBuilder builder, ProcessorOptions options, TopicOptions topics) =>
        Build(builder, options, topics, ProcessorTelemetry.Shared);

    public static void Build(StreamBuilder builder, ProcessorOptions options, TopicOptions topics, ProcessorTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        var settings = options.ToAggregateSettings();

        var stageOutputs = builder
            .Stream(topics.Events, new StringSerDes(), new ByteArraySerDes(), "read-events", new EventTimeExtractor())
            .Transform(
                TransformerBuilder.New<string, byte[], string, StageOutput>()
                    .Transformer<ConferenceTransformer>(settings, topics, telemetry)
                    .StateStore(StoreBuilder(ConferenceStore, options))
                    .Build(),
                "conference-stage");

        To(stageOutputs, OutputKind.Participants, topics.Participants);
        To(stageOutputs, OutputKind.LivestreamChurn, topics.LivestreamChurn);
        To(stageOutputs, OutputKind.DeadLetter, topics.DeadLetter);

        // No explicit partition count: the repartition topic follows the events topic (contract section 2).
        stageOutputs
            .Filter((_, v, _) => v.Kind == OutputKind.DialoutAttemptChange, "dialout-changes")
            .MapValues((v, _) => v.Value, "dialout-change-bytes")
            .Repartition(Repartitioned<string, byte[]>.As(DialoutRepartition)
                .WithKeySerdes(new StringSerDes())
                .WithValueSerdes(new ByteArraySerDes()))
            .Transform(
                TransformerBuilder.New<string, byte[], string, byte[]>()
                    .Transformer<CompanyDialoutTransformer>(settings, topics, telemetry)
                    .StateStore(StoreBuilder(CompanyStore, options))
                    .Build(),
                "company-stage")
            .To(topics.DialoutAnswerRate, new StringSerDes(), new ByteArraySerDes(), "write-dialout-answer-rate");
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

    private static void To(IKStream<string, StageOutput> outputs, OutputKind kind, string topic)
    {
        var name = kind.ToString().ToLowerInvariant();
        outputs
            .Filter((_, v, _) => v.Kind == kind, $"{name}-records")
            .MapValues((v, _) => v.Value, $"{name}-bytes")
            .To(topic, new StringSerDes(), new ByteArraySerDes(), $"write-{name}");
    }

    private static IStoreBuilder StoreBuilder(string name, ProcessorOptions options)
    {
        var builder = Stores.KeyValueStoreBuilder(
                options.UseRocksDb ? Stores.PersistentKeyValueStore(name) : Stores.InMemoryKeyValueStore(name),
                new StringSerDes(),
                new ByteArraySerDes())
            .WithLoggingEnabled(new Dictionary<string, string>());

        // Writes of a key between two commits (the stream time above all, written on nearly every event) reach
        // the changelog once, at the commit; a crash before the commit replays those events anyway.
        return options.StateStoreCacheBytes > 0 ? builder.WithCachingEnabled() : builder;
    }
}
