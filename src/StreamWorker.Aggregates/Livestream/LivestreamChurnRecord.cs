namespace StreamWorker.Aggregates.Livestream;

/// <summary>
/// One record of <c>analytics-livestream-churn</c> (docs/aggregates.md).
/// <paramref name="Final"/> is true on the one record emitted when the window closes (docs/topology.md, "Window completion").
/// </summary>
public sealed record LivestreamChurnRecord(
    long ConferenceId,
    long? CompanyId,
    long WindowStartMs,
    long WindowEndMs,
    int ViewersAtStart,
    int Enters,
    int Leaves,
    ViewerLeaveCounts LeavesByReason,
    int PeakViewers,
    double? ChurnRate,
    bool Final = false);
