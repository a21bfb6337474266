using StreamWorker.EmbeddedKafka;

namespace StreamWorker.Kafka;

/// <summary>
/// Every topic the application reads or writes, with its partition count. The embedded broker cannot
/// create topics on request, so it creates this whole plan before any client starts.
/// </summary>
public sealed class TopicPlan(IReadOnlyList<TopicSpec> topics)
{
    public IReadOnlyList<TopicSpec> Topics { get; } = topics;

    public static TopicPlan For(TopicOptions options, IEnumerable<string> internalTopics)
    {
        var names = new List<string>
        {
            options.Events, options.DeadLetter, options.Participants, options.LivestreamChurn, options.DialoutAnswerRate,
            options.Sessions, options.CompanyUsage,
        };
        names.AddRange(internalTopics);
        names.AddRange(options.Extra.Where(n => !string.IsNullOrWhiteSpace(n)));
        return new TopicPlan(names.Distinct(StringComparer.Ordinal).Select(n => new TopicSpec(n, options.Partitions)).ToList());
    }
}
