namespace StreamWorker.Aggregates;

/// <summary>One record of <c>analytics-conference-participants</c> (contract 3.1).</summary>
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
    ParticipantLeaveCounts LeavesByReason);
