using System.Text;

namespace StreamWorker.Aggregates.State;

/// <summary>The binary form of the output records kept in state (windows, sessions).</summary>
public static partial class StateValueCodec
{
    private static void WriteParticipants(BinaryWriter w, ParticipantsRecord p)
    {
        w.Write(p.ConferenceId);
        WriteNullable(w, p.CompanyId);
        WriteNullable(w, p.HostId);
        w.Write(p.WindowStartMs);
        w.Write(p.WindowEndMs);
        var l = p.LeavesByReason;
        foreach (var n in new[] { p.Joins, p.Leaves, p.Concurrent, p.PeakConcurrent, l.UserExit, l.UserDropped, l.HostKicked, l.HostKickedBlocked, l.ConferenceEnd }) w.Write(n);
    }

    private static ParticipantsRecord ReadParticipants(BinaryReader r)
    {
        var (conference, company, host, start, end) = (r.ReadInt64(), ReadNullable(r), ReadNullable(r), r.ReadInt64(), r.ReadInt64());
        var n = Enumerable.Range(0, 9).Select(_ => r.ReadInt32()).ToArray();
        return new ParticipantsRecord(conference, company, host, start, end, n[0], n[1], n[2], n[3], new ParticipantLeaveCounts(n[4], n[5], n[6], n[7], n[8]));
    }

    private static void WriteChurn(BinaryWriter w, LivestreamChurnRecord c)
    {
        w.Write(c.ConferenceId);
        WriteNullable(w, c.CompanyId);
        w.Write(c.WindowStartMs);
        w.Write(c.WindowEndMs);
        var l = c.LeavesByReason;
        foreach (var n in new[] { c.ViewersAtStart, c.Enters, c.Leaves, c.PeakViewers, l.UserExit, l.UserDropped, l.HostKicked, l.HostKickedBlocked }) w.Write(n);
    }

    private static LivestreamChurnRecord ReadChurn(BinaryReader r)
    {
        var (conference, company, start, end) = (r.ReadInt64(), ReadNullable(r), r.ReadInt64(), r.ReadInt64());
        var n = Enumerable.Range(0, 8).Select(_ => r.ReadInt32()).ToArray();
        var denominator = n[0] + n[1];
        return new LivestreamChurnRecord(
            conference, company, start, end, n[0], n[1], n[2], new ViewerLeaveCounts(n[4], n[5], n[6], n[7]), n[3],
            denominator == 0 ? null : (double)n[2] / denominator);
    }

    private static void WriteDialout(BinaryWriter w, DialoutAnswerRateRecord d)
    {
        w.Write(d.CompanyId);
        w.Write(d.WindowStartMs);
        w.Write(d.WindowEndMs);
        foreach (var n in new[] { d.Attempts, d.Answered, d.Rejected, d.NoAnswer, d.Cancelled, d.NotEnabled, d.Pending }) w.Write(n);
    }

    private static CompanyWindowValue ReadDialoutWindow(BinaryReader r, long offset)
    {
        var listed = r.ReadInt32();
        var (company, start, end) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var n = Enumerable.Range(0, 7).Select(_ => r.ReadInt32()).ToArray();
        var decided = n[1] + n[2] + n[3] + n[4];
        var record = new DialoutAnswerRateRecord(company, start, end, n[0], n[1], n[2], n[3], n[4], n[5], n[6], decided == 0 ? null : (double)n[1] / decided);
        return new CompanyWindowValue(offset, record, listed, r.ReadBoolean());
    }

    private static void WriteSession(BinaryWriter w, SessionRecord s)
    {
        w.Write(s.ConferenceId);
        WriteNullable(w, s.CompanyId);
        WriteNullable(w, s.HostId);
        w.Write(s.StartedAtMs);
        WriteNullable(w, s.EndedAtMs);
        w.Write(s.EndReason is { } reason ? (byte)(reason + 1) : (byte)0);
        foreach (var n in new[] { s.DurationMs, s.ParticipantMs, s.ViewerMs, s.RecordingMs, s.StreamingMs, s.BroadcastingMs }) w.Write(n);
        var l = s.LeavesByReason;
        var v = s.ViewerLeavesByReason;
        foreach (var n in new[]
        {
            s.Participants, s.PeakConcurrent, l.UserExit, l.UserDropped, l.HostKicked, l.HostKickedBlocked, l.ConferenceEnd, s.Viewers, s.PeakViewers,
            v.UserExit, v.UserDropped, v.HostKicked, v.HostKickedBlocked, s.DialoutAttempts, s.DialoutAnswered, s.RoleChanges,
        })
        {
            w.Write(n);
        }

        w.Write(s.Final);
    }

    private static SessionRecord ReadSession(BinaryReader r)
    {
        var (conference, company, host, started, ended) = (r.ReadInt64(), ReadNullable(r), ReadNullable(r), r.ReadInt64(), ReadNullable(r));
        var reason = r.ReadByte() is var b && b == 0 ? (SessionEndReason?)null : (SessionEndReason)(b - 1);
        var ms = Enumerable.Range(0, 6).Select(_ => r.ReadInt64()).ToArray();
        var n = Enumerable.Range(0, 16).Select(_ => r.ReadInt32()).ToArray();
        return new SessionRecord(
            conference, company, host, started, ended, reason, ms[0], n[0], n[1], ms[1], new ParticipantLeaveCounts(n[2], n[3], n[4], n[5], n[6]),
            n[7], n[8], ms[2], new ViewerLeaveCounts(n[9], n[10], n[11], n[12]), ms[3], ms[4], ms[5], n[13], n[14], n[15], r.ReadBoolean());
    }

    private static void WriteUsage(BinaryWriter w, CompanyUsageRecord u)
    {
        w.Write(u.CompanyId);
        w.Write(u.WindowStartMs);
        w.Write(u.WindowEndMs);
        foreach (var n in new[]
        {
            u.ConferencesStarted, u.ConferencesEnded, u.ParticipantJoins, u.ViewerJoins, u.RecordingsStarted, u.RecordingsReady, u.TranscriptionsReady,
            u.StreamsStarted, u.BroadcastsStarted, u.PreviewsUpdated, u.DriveFilesAdded, u.DriveFilesDeleted, u.AccessCodeReuses,
            u.ProfilePictureUploads, u.ProfilePictureFailures, u.DialoutAttempts,
        })
        {
            w.Write(n);
        }

        w.Write(u.DriveBytesAdded);
    }

    private static CompanyUsageRecord ReadUsage(BinaryReader r)
    {
        var (company, start, end) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        var n = Enumerable.Range(0, 16).Select(_ => r.ReadInt32()).ToArray();
        return new CompanyUsageRecord(company, start, end, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10], r.ReadInt64(), n[11], n[12], n[13], n[14], n[15]);
    }
}
