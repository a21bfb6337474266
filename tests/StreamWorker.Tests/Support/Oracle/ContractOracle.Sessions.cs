using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

// Conference sessions (3.4): sessions delimited in read order, a session clock that accrues running quantities.
public sealed partial class ContractOracle
{
    /// <summary>The processor checks session closes once per minute of stream time (design reading 5).</summary>
    public static readonly long SessionCloseCheck = Minutes(1);

    private static readonly HashSet<string> SessionEvents =
    [
        "conference_start", "conference_end", "enter_conference", "leave_conference", "enter_livestream", "leave_livestream",
        "start_recording", "stop_recording", "start_streaming", "stop_streaming", "start_broadcasting", "stop_broadcasting",
        "dialout_status_change", "participant_role_changed",
    ];

    /// <summary>Opening events; a dialout_status_change opens only when it starts an attempt (3.3).</summary>
    private static readonly HashSet<string> OpeningEvents =
        ["conference_start", "enter_conference", "enter_livestream", "start_recording", "start_streaming", "start_broadcasting"];

    /// <summary>Returns true when the event is late for this aggregate.</summary>
    private bool Sessions(string eventId, string name, JsonObject payload, long time, OracleAttempt? startedAttempt)
    {
        if (!SessionEvents.Contains(name))
        {
            return false;
        }

        var conference = Conference(payload);
        if (conference.SeenBySessions.Contains(eventId))
        {
            return false;
        }

        var session = conference.Session;
        if (session is null)
        {
            if (!OpeningEvents.Contains(name) && startedAttempt is null)
            {
                conference.SeenBySessions.Add(eventId); // no_session: changes nothing, whatever its time
                return false;
            }

            if (conference.LastEndedAt is { } endedAt && time < endedAt)
            {
                return true;
            }

            session = new OracleSession(time);
            conference.Session = session;
            conference.Sessions[time] = session;
        }
        else if (time < session.Clock - Grace)
        {
            return true;
        }

        conference.SeenBySessions.Add(eventId);
        conference.RememberIds(payload);
        session.AdvanceTo(time);
        ApplyToSession(conference, session, name, payload, startedAttempt);
        if (name == "conference_end")
        {
            session.End("conference_end");
            conference.Session = null;
            conference.LastEndedAt = session.EndedAt;
        }

        session.CompanyId = conference.CompanyId;
        session.HostId = conference.HostId;
        _result.Sessions![SessionKey(conference, session)] = session.Record(conference.Id, final: false);
        return false;
    }

    private static void ApplyToSession(OracleConference conference, OracleSession session, string name, JsonObject payload, OracleAttempt? startedAttempt)
    {
        switch (name)
        {
            case "enter_conference":
                var participant = payload["participant_id"]!.GetValue<long>();
                if (session.Present.Add(participant)) session.DistinctParticipants.Add(participant);
                session.PeakConcurrent = Math.Max(session.PeakConcurrent, session.Present.Count);
                break;
            case "leave_conference":
                if (session.Present.Remove(payload["participant_id"]!.GetValue<long>())) session.LeavesByReason[payload["reason_for_leaving"]!.GetValue<string>()]++;
                break;
            case "enter_livestream":
                var viewer = payload["participant_id"]!.GetValue<long>();
                if (session.Viewers.Add(viewer)) session.DistinctViewers.Add(viewer);
                session.PeakViewers = Math.Max(session.PeakViewers, session.Viewers.Count);
                break;
            case "leave_livestream":
                if (session.Viewers.Remove(payload["participant_id"]!.GetValue<long>())) session.ViewerLeavesByReason[payload["reason_for_leaving"]!.GetValue<string>()]++;
                break;
            case "start_recording" or "stop_recording":
                session.Recording = name == "start_recording";
                break;
            case "start_streaming" or "stop_streaming":
                session.Streaming = name == "start_streaming";
                break;
            case "start_broadcasting" or "stop_broadcasting":
                session.Broadcasting = name == "start_broadcasting";
                break;
            case "participant_role_changed":
                session.RoleChanges++;
                break;
            case "dialout_status_change":
                // An attempt started while the session is open counts; later changes follow its 3.3 outcome while the session applies them.
                if (startedAttempt is not null)
                {
                    session.Attempts[startedAttempt.Id] = startedAttempt.Outcome;
                }
                else if (conference.Attempts.TryGetValue(payload["participant_id"]!.GetValue<long>(), out var attempt) && session.Attempts.ContainsKey(attempt.Id))
                {
                    session.Attempts[attempt.Id] = attempt.Outcome;
                }

                break;
            case "conference_end":
                // Participants leave with reason conference_end; viewers are removed without a tally (reading 2).
                session.LeavesByReason["conference_end"] += session.Present.Count;
                session.Present.Clear();
                session.Viewers.Clear();
                session.Recording = session.Streaming = session.Broadcasting = false;
                break;
        }
    }

    /// <summary>A session whose clock + SessionTimeout the stream time has reached ends at its clock: one record, final.</summary>
    private void TimeOutSession(OracleConference conference)
    {
        if (conference.Session is { } session && _streamTime >= session.Clock + SessionTimeout)
        {
            session.End("timeout");
            conference.Session = null;
            conference.LastEndedAt = session.EndedAt;
            _result.Sessions![SessionKey(conference, session)] = session.Record(conference.Id, final: true);
        }
    }

    /// <summary>
    /// At the end of the run: open sessions time out, ended ones are final once stream time reached ended_at + Grace.
    /// Within the minute after either threshold the processor may not have checked yet: the other record is an alternative.
    /// </summary>
    private void CloseSessions()
    {
        foreach (var conference in _conferences.Values)
        {
            if (conference.Session is { } open && _streamTime >= open.Clock + SessionTimeout)
            {
                var stillOpen = open.Record(conference.Id, final: false);
                TimeOutSession(conference);
                if (_streamTime < open.Clock + SessionTimeout + SessionCloseCheck) _result.SessionAlternatives[SessionKey(conference, open)] = stillOpen;
            }

            foreach (var session in conference.Sessions.Values.Where(s => s.EndReason == "conference_end"))
            {
                var key = SessionKey(conference, session);
                var record = _result.Sessions![key];
                var threshold = session.EndedAt!.Value + Grace;
                record["final"] = _streamTime >= threshold;
                if (_streamTime >= threshold && _streamTime < threshold + SessionCloseCheck)
                {
                    var notYet = record.DeepClone().AsObject();
                    notYet["final"] = false;
                    _result.SessionAlternatives[key] = notYet;
                }
            }
        }
    }

    private static (string Key, string WindowStart) SessionKey(OracleConference conference, OracleSession session) =>
        (conference.Id.ToString(CultureInfo.InvariantCulture), FormatTime(session.StartedAt));
}
