namespace StreamWorker.Aggregates;

/// <summary><c>leaves_by_reason</c> of a churn record (3.2): removals by <c>conference_end</c> are not listed here.</summary>
public sealed record ViewerLeaveCounts(int UserExit, int UserDropped, int HostKicked, int HostKickedBlocked);
