using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

// The same scenario with every event kind that conference sessions (3.4) and company usage (3.5) read, and a tail that
// times sessions out. Drawn from a second random sequence, so that Generate's scenarios are unchanged.
public sealed partial class OracleScenario
{
    private static readonly string[] Roles = ["organizer", "moderator", "participant"];

    private Random? _more;
    private DateTimeOffset _start;

    /// <summary>
    /// The mix of <see cref="Generate(int, DateTimeOffset, int, int)"/> plus stops and starts of recording, streaming and
    /// broadcasting, role changes, recordings and transcriptions ready, previews, drive files, profile pictures, access
    /// code reuses; then stream time jumps 13 hours (open sessions time out), an opening event before its conference's
    /// ended session is late for sessions only, a stop finds no session, and a new session ends and closes.
    /// With <paramref name="webinarViewers"/> above 0, also a webinar of that many viewers and a tenth as many participants.
    /// </summary>
    public static IReadOnlyList<OracleDelivery> GenerateWithAllEventKinds(int seed, DateTimeOffset start, int steps, int conferences = 5, int webinarViewers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(conferences, ConferenceIds.Length);
        var ids = ConferenceIds.Concat(Enumerable.Range(0, conferences - ConferenceIds.Length).Select(i => (7010L + i, 101L + (i % 4), 20L + i)));
        var scenario = new OracleScenario(seed, start, ids) { _more = new Random(unchecked((seed * 31) + 7)), _start = start };
        if (webinarViewers > 0) scenario.PlanWebinar(seed, webinarViewers);
        scenario.Build(steps);
        return scenario._deliveries;
    }

    private void MoreEventKinds(DateTimeOffset time)
    {
        if (_more is null || _more.NextDouble() >= 0.35)
        {
            return;
        }

        var conference = _conferences[_more.Next(_conferences.Count)];
        var delivery = _more.Next(15) switch
        {
            0 => More("stop_recording", conference, time),
            1 => More("start_streaming", conference, time),
            2 => More("stop_streaming", conference, time),
            3 => More("start_broadcasting", conference, time),
            4 => More("stop_broadcasting", conference, time),
            5 => new OracleDelivery("participant_role_changed", Json(("host_id", conference.Host), ("conference_id", conference.Id), ("participant_id", _more.Next(1, 11)), ("participant_role", Roles[_more.Next(Roles.Length)])), time),
            6 => More("recording_ready", conference, time, ("recording_id", _more.Next(1, 100_000)), ("download_link", "https://files.example/r.mp4")),
            7 => More("transcription_ready", conference, time),
            8 => More("stream_preview_updated", conference, time, ("video_url", "https://files.example/p.mp4")),
            9 => new OracleDelivery("drive_file_added", Json(("host_id", conference.Host), ("company_id", conference.Company), ("id", _more.Next(1, 100_000)), ("filename", "f.pdf"), ("size", _more.Next(1, 5_000_000))), time),
            10 => new OracleDelivery("drive_file_deleted", Json(("host_id", conference.Host), ("company_id", conference.Company), ("id", _more.Next(1, 100_000)), ("filename", "f.pdf")), time),
            11 => new OracleDelivery("profile_picture_upload_success", Json(("host_id", conference.Host), ("company_id", conference.Company)), time),
            12 => new OracleDelivery("profile_picture_upload_failure", Json(("host_id", conference.Host), ("company_id", conference.Company)), time),
            13 => More("one_time_access_code_reused", conference, time, ("original_conference_id", _conferences[0].Id)),
            _ => More("start_recording", conference, time),
        };
        _deliveries.Add(delivery);
        if (_more.NextDouble() < 0.08)
        {
            _deliveries.Add(delivery);
        }
    }

    private void SessionTimeoutTail()
    {
        if (_more is null)
        {
            return;
        }

        var before = _clock;
        var first = _conferences[0];
        _clock += TimeSpan.FromHours(13);

        // Every open session of this partition has timed out at its clock; the first conference's at this very event,
        // which then opens its next session.
        _deliveries.Add(More("enter_conference", first, _clock, ("participant_id", 1), ("participant_role", "organizer"), ("meeting_url", "https://meet.example/r/t")));

        // Before every session of the second conference ended: late for sessions only (its day window is still open
        // when the scenario starts before 10:00 UTC).
        _deliveries.Add(More("start_streaming", _conferences[1], _start - TimeSpan.FromMinutes(1)));

        // After its session timed out: no session, not late.
        _deliveries.Add(More("stop_recording", _conferences[2], before));
        _deliveries.Add(More("conference_end", first, _clock + TimeSpan.FromSeconds(50)));
        _deliveries.Add(More("conference_start", _conferences[3], _clock + TimeSpan.FromMinutes(5)));
    }

    private OracleDelivery More(string name, GeneratedConference conference, DateTimeOffset time, params (string Field, JsonNode? Value)[] fields)
    {
        JsonNode conferenceId = _more!.NextDouble() < 0.1 ? conference.Id.ToString(CultureInfo.InvariantCulture) : conference.Id;
        return new OracleDelivery(name, Json([("host_id", conference.Host), ("company_id", conference.Company), ("conference_id", conferenceId), .. fields]), time);
    }
}
