namespace StreamWorker.Kafka;

/// <summary>
/// A part whose clients need topics beyond <see cref="TopicOptions"/> (the processor's changelogs and repartition
/// topic). The embedded broker cannot create topics on request, so <see cref="TopicPlan"/> includes these up front.
/// </summary>
public interface IInternalTopicSource
{
    IReadOnlyList<string> InternalTopics { get; }
}
