namespace StreamWorker.Aggregates.Common;

/// <summary>The aggregates (docs/aggregates.md), as flags: an event can feed several of them.</summary>
[Flags]
public enum AggregateSet : byte
{
    None = 0,
    Participants = 1,
    LivestreamChurn = 2,
    DialoutAnswerRate = 4,
    Sessions = 8,
    CompanyUsage = 16,
}
