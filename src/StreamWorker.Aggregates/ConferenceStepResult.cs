namespace StreamWorker.Aggregates;

/// <summary>The outcome of applying one event to a conference: the decision and the records to emit, in this order.</summary>
public sealed record ConferenceStepResult(
    EventDecision Decision,
    AggregateSet AppliedBy,
    AggregateSet LateFor,
    ParticipantsRecord? Participants,
    LivestreamChurnRecord? LivestreamChurn,
    DialoutAttemptChange? DialoutChange)
{
    /// <summary>True when the conference's state changed and must be written back.</summary>
    public bool StateChanged => AppliedBy != AggregateSet.None;
}
