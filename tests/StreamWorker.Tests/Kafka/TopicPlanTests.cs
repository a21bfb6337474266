using StreamWorker.Events;
using StreamWorker.Kafka;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Kafka;

[Trait("Layer", "Unit")]
public sealed class TopicPlanTests
{
    private static readonly TopicPlan DefaultPlan = TopicPlan.For(new TopicOptions(), ProcessorTopology.InternalTopics(new ProcessorOptions()));

    [Fact]
    public void For_Defaults_HoldsEveryContractTopicAndEveryInternalTopic_WithSixPartitions()
    {
        var names = DefaultPlan.Topics.Select(t => t.Name).ToList();

        Assert.Equal(
            [
                TopicNames.Events, TopicNames.DeadLetter, TopicNames.Participants, TopicNames.LivestreamChurn, TopicNames.DialoutAnswerRate,
                TopicNames.Sessions, TopicNames.CompanyUsage,
                "streamworker-conference-state-changelog", "streamworker-company-state-changelog", "streamworker-company-changes-repartition",
            ],
            names);
        Assert.All(DefaultPlan.Topics, t => Assert.Equal(6, t.Partitions));
    }

    [Fact]
    public void ComposeTopicList_MatchesThePlan()
    {
        var listed = File.ReadAllLines(RepositoryPaths.File("deploy", "kafka", "topics.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
            .Order(StringComparer.Ordinal);

        Assert.Equal(DefaultPlan.Topics.Select(t => t.Name).Order(StringComparer.Ordinal), listed);
    }
}
