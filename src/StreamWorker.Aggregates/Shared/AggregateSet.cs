namespace StreamWorker.Aggregates;

/// <summary>The aggregates of contract section 3, as flags: an event can feed several of them.</summary>
[Flags]
public enum AggregateSet : byte
{
    None = 0,
    Participants = 1,
    LivestreamChurn = 2,
    DialoutAnswerRate = 4,
}
