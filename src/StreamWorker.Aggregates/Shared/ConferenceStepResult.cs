namespace StreamWorker.Aggregates;

/// <summary>The outcome of one event at the conference stage: the decision and the records to emit, in this order.</summary>
public sealed record ConferenceStepResult(
    EventDecision Decision,
    AggregateSet AppliedBy,
    AggregateSet LateFor,
    ParticipantsRecord? Participants,
    LivestreamChurnRecord? LivestreamChurn,
    DialoutAttemptChange? DialoutChange,
    ClosedWindows Closed)
{
    /// <summary>Change of the conference's participant count (for the presence gauges).</summary>
    public int ParticipantsDelta { get; init; }

    /// <summary>Change of the conference's viewer count.</summary>
    public int ViewersDelta { get; init; }

    /// <summary>A livestream viewer left (by <c>leave_livestream</c>) with this event.</summary>
    public bool ViewerLeft { get; init; }

    /// <summary>The attempt reached this final outcome with this event.</summary>
    public DialoutOutcome? OutcomeReached { get; init; }
}
