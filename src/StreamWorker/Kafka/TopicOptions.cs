using System.ComponentModel.DataAnnotations;
using StreamWorker.Events;

namespace StreamWorker.Kafka;

/// <summary>Topic names and partitioning (docs/topics.md). Bound from <c>Topics</c>.</summary>
public sealed class TopicOptions
{
    public const string SectionName = "Topics";

    [Required] public string Events { get; set; } = TopicNames.Events;
    [Required] public string DeadLetter { get; set; } = TopicNames.DeadLetter;
    [Required] public string Participants { get; set; } = TopicNames.Participants;
    [Required] public string LivestreamChurn { get; set; } = TopicNames.LivestreamChurn;
    [Required] public string DialoutAnswerRate { get; set; } = TopicNames.DialoutAnswerRate;
    [Required] public string Sessions { get; set; } = TopicNames.Sessions;
    [Required] public string CompanyUsage { get; set; } = TopicNames.CompanyUsage;

    /// <summary>
    /// More topics for the embedded broker to create, beyond the application's own: it cannot create topics on
    /// request, so tools sharing it (the benchmark's Streamiz pass-through output) name theirs here.
    /// </summary>
    public IList<string> Extra { get; } = [];

    /// <summary>Partitions of every topic the embedded broker creates; internal topics follow the events topic.</summary>
    [Range(1, 1000)] public int Partitions { get; set; } = 6;
}
