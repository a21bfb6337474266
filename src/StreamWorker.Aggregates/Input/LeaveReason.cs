namespace StreamWorker.Aggregates.Input;

/// <summary><c>reason_for_leaving</c> of a leave event (webhook-events.md).</summary>
public enum LeaveReason
{
    UserExit,
    UserDropped,
    HostKicked,
    HostKickedBlocked,
}
