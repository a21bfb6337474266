using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>One session of a conference (3.4): its clock, its own participant and viewer sets, running quantities and tallies.</summary>
internal sealed class OracleSession
{
    private static readonly string[] ParticipantReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked", "conference_end"];
    private static readonly string[] ViewerReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];

    public OracleSession(long startedAt)
    {
        StartedAt = startedAt;
        Clock = startedAt;
    }

    public long StartedAt { get; }

    /// <summary>max(event time) of the applied events, never backwards.</summary>
    public long Clock { get; private set; }

    public long? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public HashSet<long> Present { get; } = [];

    public HashSet<long> Viewers { get; } = [];

    public HashSet<long> DistinctParticipants { get; } = [];

    public HashSet<long> DistinctViewers { get; } = [];

    public Dictionary<string, int> LeavesByReason { get; } = ParticipantReasons.ToDictionary(r => r, _ => 0);

    public Dictionary<string, int> ViewerLeavesByReason { get; } = ViewerReasons.ToDictionary(r => r, _ => 0);

    public int PeakConcurrent { get; set; }

    public int PeakViewers { get; set; }

    public long ParticipantMs { get; private set; }

    public long ViewerMs { get; private set; }

    public bool Recording { get; set; }

    public bool Streaming { get; set; }

    public bool Broadcasting { get; set; }

    public long RecordingMs { get; private set; }

    public long StreamingMs { get; private set; }

    public long BroadcastingMs { get; private set; }

    /// <summary>The outcome of each attempt started while the session was open, as of the session's applied events.</summary>
    public Dictionary<int, string> Attempts { get; } = [];

    public int RoleChanges { get; set; }

    /// <summary>Moves the clock to max(clock, time), accruing every running quantity over the step at its current value.</summary>
    public void AdvanceTo(long time)
    {
        var step = Math.Max(Clock, time) - Clock;
        ParticipantMs += step * Present.Count;
        ViewerMs += step * Viewers.Count;
        RecordingMs += Recording ? step : 0;
        StreamingMs += Streaming ? step : 0;
        BroadcastingMs += Broadcasting ? step : 0;
        Clock += step;
    }

    /// <summary>Ends the session at its clock.</summary>
    public void End(string reason)
    {
        EndedAt = Clock;
        EndReason = reason;
    }

    /// <summary>The conference's company_id as of the session's latest applied event (a timeout keeps the values at its clock).</summary>
    public long? CompanyId { get; set; }

    public long? HostId { get; set; }

    public JsonObject Record(long conferenceId, bool final) => new()
    {
        ["conference_id"] = conferenceId,
        ["company_id"] = CompanyId,
        ["host_id"] = HostId,
        ["started_at"] = ContractOracle.FormatTime(StartedAt),
        ["ended_at"] = EndedAt is { } ended ? ContractOracle.FormatTime(ended) : null,
        ["end_reason"] = EndReason,
        ["duration_ms"] = (EndedAt ?? Clock) - StartedAt,
        ["participants"] = DistinctParticipants.Count,
        ["peak_concurrent"] = PeakConcurrent,
        ["participant_ms"] = ParticipantMs,
        ["leaves_by_reason"] = Tallies(LeavesByReason, ParticipantReasons),
        ["viewers"] = DistinctViewers.Count,
        ["peak_viewers"] = PeakViewers,
        ["viewer_ms"] = ViewerMs,
        ["viewer_leaves_by_reason"] = Tallies(ViewerLeavesByReason, ViewerReasons),
        ["recording_ms"] = RecordingMs,
        ["streaming_ms"] = StreamingMs,
        ["broadcasting_ms"] = BroadcastingMs,
        ["dialout_attempts"] = Attempts.Count,
        ["dialout_answered"] = Attempts.Values.Count(o => o == "answered"),
        ["role_changes"] = RoleChanges,
        ["final"] = final,
    };

    private static JsonObject Tallies(Dictionary<string, int> counts, string[] reasons)
    {
        var tallies = new JsonObject();
        foreach (var reason in reasons)
        {
            tallies[reason] = counts[reason];
        }

        return tallies;
    }
}
