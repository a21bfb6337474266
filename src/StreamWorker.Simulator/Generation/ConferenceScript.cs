using System.Globalization;

namespace StreamWorker.Simulator.Generation;

/// <summary>
/// Plans every event of one conference: start and end, participants joining, leaving for every reason and
/// rejoining, role changes, livestream viewers churning, dial-outs along the platform's status paths,
/// recordings, streaming, broadcasting, and the host's drive and profile events. Every event happens at or
/// after the conference start, which lets the generator merge conferences in time order.
/// </summary>
internal sealed class ConferenceScript
{
    private static readonly (string, int)[] ParticipantLeaveReasons =
        [("user_exit", 70), ("user_dropped", 16), ("host_kicked", 10), ("host_kicked_blocked", 4)];

    private static readonly (string, int)[] ViewerLeaveReasons =
        [("user_exit", 60), ("user_dropped", 30), ("host_kicked", 7), ("host_kicked_blocked", 3)];

    private static readonly (DialoutPath, int)[] DialoutPaths =
        [(DialoutPath.Answered, 40), (DialoutPath.Rejected, 14), (DialoutPath.NoAnswer, 14), (DialoutPath.Cancelled, 8),
         (DialoutPath.AnsweredThenPressedTwo, 10), (DialoutPath.Redial, 14)];

    private readonly Random _random;
    private readonly IdentifierSource _ids;
    private readonly ConferenceSetup _setup;
    private readonly List<EventDraft> _events = [];

    private ConferenceScript(Random random, IdentifierSource ids, ConferenceSetup setup)
    {
        _random = random;
        _ids = ids;
        _setup = setup;
    }

    private long Start => _setup.StartMs;

    private long End => _setup.EndMs;

    private long Length => End - Start;

    public static List<EventDraft> Plan(Random random, IdentifierSource ids, ConferenceSetup setup)
    {
        var script = new ConferenceScript(random, ids, setup);
        script.PlanAll();
        return script._events;
    }

    private void PlanAll()
    {
        if (_setup.Participants is { } participantCount && _setup.Viewers is { } viewerCount)
        {
            PlanLarge(participantCount, viewerCount);
            return;
        }

        Add(Start, "conference_start", Common());
        if (_setup.ReusedCodeOfConferenceId is { } original)
        {
            Add(Start + _random.Between(0, 2_000), "one_time_access_code_reused",
                [.. Common(), PayloadField.Of("original_conference_id", original)]);
        }

        PlanHost();
        var participants = (int)_random.Between(2, 26);
        for (var i = 0; i < participants; i++)
        {
            PlanParticipant(Start + _random.Between(1_000, Math.Max(2_000, Length * 8 / 10)), firstRole: _random.Chance(0.2) ? "moderator" : "participant");
        }

        if (_random.Chance(0.45))
        {
            PlanLivestream();
        }

        if (_random.Chance(0.25))
        {
            PlanPair("start_broadcasting", "stop_broadcasting");
        }

        if (_random.Chance(0.4))
        {
            PlanRecording();
        }

        if (_random.Chance(0.35) && Length > 150_000)
        {
            var dialouts = (int)_random.Between(1, 5);
            for (var i = 0; i < dialouts; i++)
            {
                PlanDialout(Start + _random.Between(5_000, Length - 120_000));
            }
        }

        PlanHostAccountEvents();
        var conferenceEnd = _random.Chance(0.1)
            ? new List<PayloadField> { PayloadField.Of("host_id", _setup.HostId), PayloadField.Of("conference_id", _setup.ConferenceId) }
            : Common();
        Add(End, "conference_end", conferenceEnd);
    }

    /// <summary>
    /// A webinar: a fixed audience of participants and livestream viewers who enter and leave (and sometimes come
    /// back) over the conference, through the same participant and viewer plans as every other conference.
    /// </summary>
    private void PlanLarge(int participants, int viewers)
    {
        Add(Start, "conference_start", Common());
        PlanHost();
        for (var i = 0; i < participants; i++)
        {
            PlanParticipant(Start + _random.Between(1_000, Math.Max(2_000, Length * 8 / 10)), firstRole: "participant");
        }

        PlanLivestream(viewers);
        Add(End, "conference_end", Common());
    }

    private void PlanHost()
    {
        var hostParticipant = _ids.NextParticipant();
        Add(Start + _random.Between(0, 3_000), "enter_conference", EnterFields(hostParticipant, "organizer"));
        if (_random.Chance(0.5))
        {
            Add(End - _random.Between(0, 3_000), "leave_conference", LeaveFields(hostParticipant, "organizer", "user_exit"));
        }
    }

    private void PlanParticipant(long enterAt, string firstRole)
    {
        var participant = _ids.NextParticipant();
        var role = firstRole;
        for (var session = 0; session < 4 && enterAt < End - 1_000; session++)
        {
            Add(enterAt, "enter_conference", EnterFields(participant, role));
            var leaveAt = enterAt + _random.Between(20_000, Math.Max(30_000, Length));
            if (_random.Chance(0.15))
            {
                // Promoted or demoted by the host during the session; the event carries no company_id.
                role = role == "moderator" ? "participant" : "moderator";
                var changeAt = _random.Between(enterAt + 1_000, Math.Min(leaveAt, End - 1));
                Add(changeAt, "participant_role_changed",
                    [PayloadField.Of("host_id", _setup.HostId), PayloadField.Of("conference_id", _setup.ConferenceId),
                     PayloadField.Of("participant_id", participant), PayloadField.Of("participant_role", role)]);
            }

            if (leaveAt >= End - 1_000)
            {
                return; // still present at the end: conference_end empties the set
            }

            var reason = _random.Pick(ParticipantLeaveReasons);
            Add(leaveAt, "leave_conference", LeaveFields(participant, role, reason));
            var rejoinChance = reason switch { "user_dropped" => 0.8, "host_kicked" => 0.3, "host_kicked_blocked" => 0.0, _ => 0.15 };
            if (!_random.Chance(rejoinChance))
            {
                return;
            }

            enterAt = leaveAt + _random.Between(2_000, 60_000);
        }
    }

    private void PlanLivestream(int? viewerCount = null)
    {
        var streamStart = Start + _random.Between(0, Length / 5);
        var streamStop = End - _random.Between(0, Length / 10);
        Add(streamStart, "start_streaming", Common());
        var previews = (int)_random.Between(1, 3);
        for (var i = 0; i < previews; i++)
        {
            var previewAt = _random.Between(streamStart + 5_000, streamStop);
            var fields = Common();
            fields.Add(PayloadField.Of("video_url", $"https://cdn.example.com/previews/{_setup.ConferenceId}-{i}.mp4"));
            if (_random.Chance(0.7))
            {
                fields.Add(PayloadField.Of("image_url", $"https://cdn.example.com/previews/{_setup.ConferenceId}-{i}.jpg"));
            }

            Add(previewAt, "stream_preview_updated", fields);
        }

        var viewers = viewerCount ?? (int)_random.Between(3, 60);
        for (var i = 0; i < viewers; i++)
        {
            PlanViewer(_random.Between(streamStart + 1_000, streamStop), streamStop);
        }

        Add(streamStop, "stop_streaming", Common());
    }

    private void PlanViewer(long enterAt, long streamStop)
    {
        var viewer = _ids.NextParticipant();
        for (var session = 0; session < 4 && enterAt < streamStop; session++)
        {
            Add(enterAt, "enter_livestream", [.. Common(), PayloadField.Of("participant_id", viewer)]);
            var leaveAt = enterAt + _random.Between(10_000, 600_000);
            string reason;
            if (leaveAt >= streamStop)
            {
                // Viewers drift away within seconds once the stream stops.
                leaveAt = streamStop + _random.Between(0, 10_000);
                if (leaveAt >= End)
                {
                    return;
                }

                reason = "user_exit";
            }
            else
            {
                reason = _random.Pick(ViewerLeaveReasons);
            }

            Add(leaveAt, "leave_livestream", [.. Common(), PayloadField.Of("participant_id", viewer), PayloadField.Of("reason_for_leaving", reason)]);
            if (leaveAt >= streamStop || !_random.Chance(reason is "user_dropped" ? 0.7 : reason is "user_exit" ? 0.2 : 0.0))
            {
                return;
            }

            enterAt = leaveAt + _random.Between(1_000, 30_000);
        }
    }

    private void PlanPair(string startEvent, string stopEvent)
    {
        var startAt = Start + _random.Between(0, Length / 2);
        Add(startAt, startEvent, Common());
        Add(_random.Between(startAt + 1_000, End), stopEvent, Common());
    }

    private void PlanRecording()
    {
        var startAt = Start + _random.Between(0, Length / 2);
        Add(startAt, "start_recording", Common());
        Add(_random.Between(startAt + 1_000, End), "stop_recording", Common());
        var recording = _ids.NextRecording();
        var readyAt = End + _random.Between(30_000, 180_000);
        var extension = _random.Chance(0.3) ? "mp3" : "mp4";
        Add(readyAt, "recording_ready",
            [.. Common(), PayloadField.Of("recording_id", recording), PayloadField.Of("download_link", $"https://files.example.com/recordings/{recording}.{extension}")]);
        if (_random.Chance(0.5))
        {
            Add(readyAt + _random.Between(30_000, 120_000), "transcription_ready", Common());
        }
    }

    private void PlanDialout(long at)
    {
        var participant = _ids.NextParticipant();
        var phone = "+1555" + _random.Between(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        if (!_setup.DialoutEnabled || _random.Chance(0.04))
        {
            at = Status(at, participant, phone, "new", 0, 0);
            Status(at, participant, phone, "notenabled", 200, 2_000);
            return;
        }

        switch (_random.Pick(DialoutPaths))
        {
            case DialoutPath.Answered:
                at = Dial(at, participant, phone);
                at = Status(at, participant, phone, "answered", 3_000, 25_000);
                if (_random.Chance(0.6))
                {
                    PlanParticipant(at + _random.Between(2_000, 15_000), "participant");
                }

                break;
            case DialoutPath.Rejected:
                at = Dial(at, participant, phone);
                Status(at, participant, phone, "rejected", 2_000, 20_000);
                break;
            case DialoutPath.NoAnswer:
                at = Dial(at, participant, phone);
                Status(at, participant, phone, "noanswer", 30_000, 45_000);
                break;
            case DialoutPath.Cancelled:
                at = _random.Chance(0.5) ? Status(at, participant, phone, "new", 0, 0) : Dial(at, participant, phone);
                Status(at, participant, phone, "cancelled", 1_000, 10_000);
                break;
            case DialoutPath.AnsweredThenPressedTwo:
                at = Dial(at, participant, phone);
                at = Status(at, participant, phone, "answered", 3_000, 25_000);
                Status(at, participant, phone, "rejected", 5_000, 15_000);
                break;
            case DialoutPath.Redial:
                at = Dial(at, participant, phone);
                at = Status(at, participant, phone, _random.Chance(0.5) ? "noanswer" : "rejected", 20_000, 45_000);
                at = Dial(at + _random.Between(10_000, 60_000), participant, phone);
                Status(at, participant, phone, _random.Chance(0.7) ? "answered" : "noanswer", 3_000, 40_000);
                break;
        }
    }

    private long Dial(long at, long participant, string phone)
    {
        at = Status(at, participant, phone, "new", 0, 0);
        return Status(at, participant, phone, "dialed", 500, 3_000);
    }

    private long Status(long after, long participant, string phone, string status, long minDelay, long maxDelay)
    {
        var at = after + _random.Between(minDelay, maxDelay);
        Add(at, "dialout_status_change",
            [.. Common(), PayloadField.Of("participant_id", participant), PayloadField.Of("status", status), PayloadField.Of("phone_number", phone)]);
        return at;
    }

    private void PlanHostAccountEvents()
    {
        List<PayloadField> HostFields() => [PayloadField.Of("host_id", _setup.HostId), PayloadField.Of("company_id", _setup.CompanyId)];

        if (_random.Chance(0.15))
        {
            var file = _ids.NextFile();
            var name = $"slides-{file}.pdf";
            var addedAt = Start + _random.Between(0, Length);
            Add(addedAt, "drive_file_added", [.. HostFields(), PayloadField.Of("id", file), PayloadField.Of("filename", name), PayloadField.Of("size", _random.Between(10_000, 50_000_000))]);
            if (_random.Chance(0.3))
            {
                Add(addedAt + _random.Between(60_000, 600_000), "drive_file_deleted", [.. HostFields(), PayloadField.Of("id", file), PayloadField.Of("filename", name)]);
            }
        }

        if (_random.Chance(0.12))
        {
            Add(Start + _random.Between(0, Length), _random.Chance(0.6) ? "profile_picture_upload_success" : "profile_picture_upload_failure", HostFields());
        }
    }

    private List<PayloadField> Common() =>
        [PayloadField.Of("host_id", _setup.HostId), PayloadField.Of("company_id", _setup.CompanyId), PayloadField.Of("conference_id", _setup.ConferenceId)];

    private List<PayloadField> EnterFields(long participant, string role) =>
        [.. Common(), PayloadField.Of("participant_id", participant), PayloadField.Of("participant_role", role),
         PayloadField.Of("meeting_url", $"https://meet.example.com/c/{_setup.ConferenceId}?p={participant}")];

    private List<PayloadField> LeaveFields(long participant, string role, string reason) =>
        [.. Common(), PayloadField.Of("participant_id", participant), PayloadField.Of("participant_role", role), PayloadField.Of("reason_for_leaving", reason)];

    private void Add(long at, string eventName, List<PayloadField> fields) => _events.Add(new EventDraft(at, eventName, fields));
}
