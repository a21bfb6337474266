namespace StreamWorker.Aggregates.Livestream;

/// <summary>A livestream viewer left (by <c>leave_livestream</c>) for <paramref name="Reason"/>: a signal for the churn metric.</summary>
public sealed record ViewerLeft(LeaveReason Reason);
