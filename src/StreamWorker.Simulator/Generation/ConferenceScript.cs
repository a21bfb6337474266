using StreamWorker.Events;
using static StreamWorker.Events.WebhookEventNames;
using Field = StreamWorker.Events.PayloadFieldNames;

namespace StreamWorker.Simulator.Generation;

/// <summary>
/// Plans every event of one conference: start and end, participants joining, leaving for every reason and
/// rejoining, role changes, livestream viewers churning, dial-outs along the platform's status paths,
/// recordings, streaming, broadcasting, and the host's drive and profile events. Every event happens at or
/// after the conference start, which lets the generator merge conferences in time order.
/// </summary>
internal sealed partial class ConferenceScript
{
    private static readonly (string, int)[] ParticipantLeaveReasons =
        [(ReasonsForLeaving.UserExit, 70), (ReasonsForLeaving.UserDropped, 16), (ReasonsForLeaving.HostKicked, 10), (ReasonsForLeaving.HostKickedBlocked, 4)];

    private readonly Random _random;
    private readonly Random _details;
    private readonly IdentifierSource _ids;
    private readonly ConferenceSetup _setup;
    private readonly List<EventDraft> _events = [];

    private ConferenceScript(Random random, Random details, IdentifierSource ids, ConferenceSetup setup)
    {
        _random = random;
        _details = details;
        _ids = ids;
        _setup = setup;
    }

    private long Start => _setup.StartMs;

    private long End => _setup.EndMs;

    private long Length => End - Start;

    /// <param name="random">The traffic's main draws: which events happen and when.</param>
    /// <param name="details">Draws of payload details added later (drive file kinds and names), kept apart so that
    /// they leave the main draws, and with them the mix and timing of every event, as they were.</param>
    public static List<EventDraft> Plan(Random random, Random details, IdentifierSource ids, ConferenceSetup setup)
    {
        var script = new ConferenceScript(random, details, ids, setup);
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

        Add(Start, ConferenceStart, Common());
        if (_setup.ReusedCodeOfConferenceId is { } original)
        {
            Add(Start + _random.Between(0, 2_000), OneTimeAccessCodeReused,
                [.. Common(), PayloadField.Of(Field.OriginalConferenceId, original)]);
        }

        PlanHost();
        var participants = (int)_random.Between(2, 26);
        for (var i = 0; i < participants; i++)
        {
            PlanParticipant(Start + _random.Between(1_000, Math.Max(2_000, Length * 8 / 10)), firstRole: _random.Chance(0.2) ? ParticipantRoles.Moderator : ParticipantRoles.Participant);
        }

        if (_random.Chance(0.45))
        {
            PlanLivestream();
        }

        if (_random.Chance(0.25))
        {
            PlanPair(StartBroadcasting, StopBroadcasting);
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
            ? new List<PayloadField> { PayloadField.Of(Field.HostId, _setup.HostId), PayloadField.Of(Field.ConferenceId, _setup.ConferenceId) }
            : Common();
        Add(End, ConferenceEnd, conferenceEnd);
    }

    /// <summary>
    /// A webinar: a fixed audience of participants and livestream viewers who enter and leave (and sometimes come
    /// back) over the conference, through the same participant and viewer plans as every other conference.
    /// </summary>
    private void PlanLarge(int participants, int viewers)
    {
        Add(Start, ConferenceStart, Common());
        PlanHost();
        for (var i = 0; i < participants; i++)
        {
            PlanParticipant(Start + _random.Between(1_000, Math.Max(2_000, Length * 8 / 10)), firstRole: ParticipantRoles.Participant);
        }

        PlanLivestream(viewers);
        Add(End, ConferenceEnd, Common());
    }

    private void PlanHost()
    {
        var hostParticipant = _ids.NextParticipant();
        Add(Start + _random.Between(0, 3_000), EnterConference, EnterFields(hostParticipant, ParticipantRoles.Organizer));
        if (_random.Chance(0.5))
        {
            Add(End - _random.Between(0, 3_000), LeaveConference, LeaveFields(hostParticipant, ParticipantRoles.Organizer, ReasonsForLeaving.UserExit));
        }
    }

    private void PlanParticipant(long enterAt, string firstRole)
    {
        var participant = _ids.NextParticipant();
        var role = firstRole;
        for (var session = 0; session < 4 && enterAt < End - 1_000; session++)
        {
            Add(enterAt, EnterConference, EnterFields(participant, role));
            var leaveAt = enterAt + _random.Between(20_000, Math.Max(30_000, Length));
            if (_random.Chance(0.15))
            {
                // Promoted or demoted by the host during the session; the event carries no company_id.
                role = role == ParticipantRoles.Moderator ? ParticipantRoles.Participant : ParticipantRoles.Moderator;
                var changeAt = _random.Between(enterAt + 1_000, Math.Min(leaveAt, End - 1));
                Add(changeAt, ParticipantRoleChanged,
                    [PayloadField.Of(Field.HostId, _setup.HostId), PayloadField.Of(Field.ConferenceId, _setup.ConferenceId),
                     PayloadField.Of(Field.ParticipantId, participant), PayloadField.Of(Field.ParticipantRole, role)]);
            }

            if (leaveAt >= End - 1_000)
            {
                return; // still present at the end: conference_end empties the set
            }

            var reason = _random.Pick(ParticipantLeaveReasons);
            Add(leaveAt, LeaveConference, LeaveFields(participant, role, reason));
            var rejoinChance = reason switch { ReasonsForLeaving.UserDropped => 0.8, ReasonsForLeaving.HostKicked => 0.3, ReasonsForLeaving.HostKickedBlocked => 0.0, _ => 0.15 };
            if (!_random.Chance(rejoinChance))
            {
                return;
            }

            enterAt = leaveAt + _random.Between(2_000, 60_000);
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
        Add(startAt, StartRecording, Common());
        Add(_random.Between(startAt + 1_000, End), StopRecording, Common());
        var recording = _ids.NextRecording();
        var readyAt = End + _random.Between(30_000, 180_000);
        var extension = _random.Chance(0.3) ? "mp3" : "mp4";
        Add(readyAt, RecordingReady,
            [.. Common(), PayloadField.Of(Field.RecordingId, recording), PayloadField.Of(Field.DownloadLink, $"https://files.example.com/recordings/{recording}.{extension}")]);
        if (_random.Chance(0.5))
        {
            Add(readyAt + _random.Between(30_000, 120_000), TranscriptionReady, Common());
        }
    }

    private List<PayloadField> Common() =>
        [PayloadField.Of(Field.HostId, _setup.HostId), PayloadField.Of(Field.CompanyId, _setup.CompanyId), PayloadField.Of(Field.ConferenceId, _setup.ConferenceId)];

    private List<PayloadField> EnterFields(long participant, string role) =>
        [.. Common(), PayloadField.Of(Field.ParticipantId, participant), PayloadField.Of(Field.ParticipantRole, role),
         PayloadField.Of(Field.MeetingUrl, $"https://meet.example.com/c/{_setup.ConferenceId}?p={participant}")];

    private List<PayloadField> LeaveFields(long participant, string role, string reason) =>
        [.. Common(), PayloadField.Of(Field.ParticipantId, participant), PayloadField.Of(Field.ParticipantRole, role), PayloadField.Of(Field.ReasonForLeaving, reason)];

    private void Add(long at, string eventName, List<PayloadField> fields) => _events.Add(new EventDraft(at, eventName, fields));
}
