namespace StreamWorker.Aggregates.Sessions;

/// <summary>
/// One record of <c>analytics-conference-sessions</c> (docs/aggregates.md, "Conference sessions"): one run of a
/// conference, identified by (<paramref name="ConferenceId"/>, <paramref name="StartedAtMs"/>). Times in Unix
/// milliseconds; <paramref name="EndedAtMs"/> and <paramref name="EndReason"/> are null while the session is open.
/// </summary>
public sealed record SessionRecord(
    long ConferenceId,
    long? CompanyId,
    long? HostId,
    long StartedAtMs,
    long? EndedAtMs,
    SessionEndReason? EndReason,
    long DurationMs,
    int Participants,
    int PeakConcurrent,
    long ParticipantMs,
    ParticipantLeaveCounts LeavesByReason,
    int Viewers,
    int PeakViewers,
    long ViewerMs,
    ViewerLeaveCounts ViewerLeavesByReason,
    long RecordingMs,
    long StreamingMs,
    long BroadcastingMs,
    int DialoutAttempts,
    int DialoutAnswered,
    int RoleChanges,
    bool Final = false)
{
    /// <summary>The record of a session opened at <paramref name="startedAtMs"/>.</summary>
    public static SessionRecord Opened(long conferenceId, long? companyId, long? hostId, long startedAtMs) =>
        new(conferenceId, companyId, hostId, startedAtMs, null, null, 0, 0, 0, 0, new ParticipantLeaveCounts(0, 0, 0, 0, 0),
            0, 0, 0, new ViewerLeaveCounts(0, 0, 0, 0), 0, 0, 0, 0, 0, 0);
}
