namespace StreamWorker.Aggregates.Participants;

/// <summary>
/// One record of <c>analytics-conference-participants</c> (docs/aggregates.md).
/// <paramref name="Final"/> is true on the one record emitted when the window closes (docs/topology.md, "Window completion").
/// </summary>
public sealed record ParticipantsRecord(
    long ConferenceId,
    long? CompanyId,
    long? HostId,
    long WindowStartMs,
    long WindowEndMs,
    int Joins,
    int Leaves,
    int Concurrent,
    int PeakConcurrent,
    ParticipantLeaveCounts LeavesByReason,
    bool Final = false);
