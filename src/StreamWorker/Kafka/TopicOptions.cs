using System.ComponentModel.DataAnnotations;

namespace StreamWorker.Kafka;

/// <summary>Topic names and partitioning (docs/topics.md). Bound from <c>Topics</c>.</summary>
public sealed class TopicOptions
{
    public const string SectionName = "Topics";

    [Required] public string Events { get; set; } = "webhook-events";
    [Required] public string DeadLetter { get; set; } = "webhook-events-dlq";
    [Required] public string Participants { get; set; } = "analytics-conference-participants";
    [Required] public string LivestreamChurn { get; set; } = "analytics-livestream-churn";
    [Required] public string DialoutAnswerRate { get; set; } = "analytics-dialout-answer-rate";

    /// <summary>
    /// More topics for the embedded broker to create, beyond the application's own: it cannot create topics on
    /// request, so tools sharing it (the benchmark's Streamiz pass-through output) name theirs here.
    /// </summary>
    public IList<string> Extra { get; } = [];

    /// <summary>Partitions of every topic the embedded broker creates; internal topics follow the events topic.</summary>
    [Range(1, 1000)] public int Partitions { get; set; } = 6;
}
