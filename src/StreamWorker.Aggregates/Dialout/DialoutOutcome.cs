namespace StreamWorker.Aggregates.Dialout;

/// <summary>Outcome of a dial-out attempt (docs/aggregates.md); all but <see cref="Pending"/> are final.</summary>
public enum DialoutOutcome
{
    Pending,
    Answered,
    Rejected,
    NoAnswer,
    Cancelled,
    NotEnabled,
}
