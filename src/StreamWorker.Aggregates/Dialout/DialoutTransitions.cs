namespace StreamWorker.Aggregates.Dialout;

/// <summary>Outcome transitions of docs/aggregates.md (3.3).</summary>
public static class DialoutTransitions
{
    public static DialoutOutcome Next(DialoutOutcome current, DialoutStatus status) => status switch
    {
        // Answering wins over anything: pressing 2 after answering does not undo it.
        DialoutStatus.Answered => DialoutOutcome.Answered,
        // The first final status wins.
        DialoutStatus.Rejected => current == DialoutOutcome.Pending ? DialoutOutcome.Rejected : current,
        DialoutStatus.NoAnswer => current == DialoutOutcome.Pending ? DialoutOutcome.NoAnswer : current,
        DialoutStatus.Cancelled => current == DialoutOutcome.Pending ? DialoutOutcome.Cancelled : current,
        DialoutStatus.NotEnabled => current == DialoutOutcome.Pending ? DialoutOutcome.NotEnabled : current,
        DialoutStatus.New or DialoutStatus.Dialed => current,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
