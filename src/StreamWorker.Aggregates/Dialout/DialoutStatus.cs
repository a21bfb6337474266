namespace StreamWorker.Aggregates.Dialout;

/// <summary><c>status</c> of a <c>dialout_status_change</c> event.</summary>
public enum DialoutStatus
{
    New,
    Dialed,
    Answered,
    Rejected,
    NoAnswer,
    Cancelled,
    NotEnabled,
}
