using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>
/// A seeded, realistic mix of deliveries for several conferences of three companies: joins, leaves with every
/// reason, rejoins, leaves of absent participants, livestream viewers, conference ends (some without company_id),
/// dial-outs along every path including re-dials, re-deliveries (immediate and delayed), out-of-order events
/// within grace, an unknown event type, a conference_end late for participants only, and a burst of late events.
/// </summary>
public sealed partial class OracleScenario
{
    private static readonly string[] Reasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];
    private static readonly (long Conference, long Company, long Host)[] ConferenceIds =
        [(7001, 101, 11), (7002, 101, 12), (7003, 102, 13), (7004, 103, 14), (7005, 102, 13)];

    private readonly Random _random;
    private readonly List<OracleDelivery> _deliveries = [];
    private readonly List<GeneratedConference> _conferences;
    private DateTimeOffset _clock;

    private OracleScenario(int seed, DateTimeOffset start, IEnumerable<(long Conference, long Company, long Host)> conferences)
    {
        _random = new Random(seed);
        _clock = start;
        _conferences = conferences.Select(c => new GeneratedConference(c.Conference, c.Company, c.Host)).ToList();
    }

    public static IReadOnlyList<OracleDelivery> Generate(int seed, DateTimeOffset start, int steps)
    {
        var scenario = new OracleScenario(seed, start, ConferenceIds);
        scenario.Build(steps);
        return scenario._deliveries;
    }

    /// <summary>The same mix over <paramref name="conferences"/> conferences (at least five) of four companies, so that every events partition gets some.</summary>
    public static IReadOnlyList<OracleDelivery> Generate(int seed, DateTimeOffset start, int steps, int conferences)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(conferences, ConferenceIds.Length);
        var ids = ConferenceIds.Concat(Enumerable.Range(0, conferences - ConferenceIds.Length).Select(i => (7010L + i, 101L + (i % 4), 20L + i)));
        var scenario = new OracleScenario(seed, start, ids);
        scenario.Build(steps);
        return scenario._deliveries;
    }

    private void Build(int steps)
    {
        for (var step = 0; step < steps; step++)
        {
            if (step == steps / 5)
            {
                UnknownEventAhead();
            }

            if (step == steps / 3)
            {
                ConferenceEndLateForParticipantsOnly();
            }

            if (step == steps / 2)
            {
                ExactlyAtTheClosingBoundaries();
            }

            if (step == 3 * steps / 5)
            {
                // The host's company changes: attempts already started stay counted for the company that started them.
                _conferences[4].Company = 103;
            }

            if (step == 2 * steps / 3)
            {
                LateBurst();
            }

            _clock += TimeSpan.FromMilliseconds(_random.Next(1000, 16000));
            var time = _random.NextDouble() < 0.1 ? _clock - TimeSpan.FromSeconds(_random.Next(5, 70)) : _clock;
            var delivery = Next(_conferences[_random.Next(_conferences.Count)], time);
            if (_random.NextDouble() < 0.05)
            {
                delivery = delivery.WithOffsetTimestamp();
            }

            _deliveries.Add(delivery);
            if (_random.NextDouble() < 0.07)
            {
                _deliveries.Add(delivery);
            }

            if (_random.NextDouble() < 0.05 && _deliveries.Count > 10)
            {
                _deliveries.Add(_deliveries[_deliveries.Count - 1 - _random.Next(Math.Min(20, _deliveries.Count))]);
            }

            MoreEventKinds(time);
            WebinarStep(step, steps, time);
        }

        WebinarEnd();
        SessionTimeoutTail();
    }

    private OracleDelivery Next(GeneratedConference conference, DateTimeOffset time)
    {
        var roll = _random.NextDouble();
        if (roll < 0.22)
        {
            var participant = _random.Next(1, 11);
            conference.Participants.Add(participant);
            return Delivery("enter_conference", conference, time, ("participant_id", participant), ("participant_role", "participant"), ("meeting_url", "https://meet.example/r/" + conference.Id));
        }

        if (roll < 0.40)
        {
            var participant = conference.Participants.Count > 0 && _random.NextDouble() < 0.85
                ? conference.Participants.ElementAt(_random.Next(conference.Participants.Count))
                : _random.Next(1, 11);
            conference.Participants.Remove(participant);
            return Delivery("leave_conference", conference, time, ("participant_id", participant), ("participant_role", "participant"), ("reason_for_leaving", Reasons[_random.Next(Reasons.Length)]));
        }

        if (roll < 0.52)
        {
            var viewer = _random.Next(100, 111);
            conference.Viewers.Add(viewer);
            return Delivery("enter_livestream", conference, time, ("participant_id", viewer));
        }

        if (roll < 0.64)
        {
            var viewer = conference.Viewers.Count > 0 && _random.NextDouble() < 0.85
                ? conference.Viewers.ElementAt(_random.Next(conference.Viewers.Count))
                : _random.Next(100, 111);
            conference.Viewers.Remove(viewer);
            return Delivery("leave_livestream", conference, time, ("participant_id", viewer), ("reason_for_leaving", Reasons[_random.Next(Reasons.Length)]));
        }

        if (roll < 0.92)
        {
            var dialled = _random.Next(200, 202);
            conference.DialStatus.TryGetValue(dialled, out var last);
            var status = NextStatus(last);
            conference.DialStatus[dialled] = status;
            return Delivery("dialout_status_change", conference, time, ("participant_id", dialled), ("status", status), ("phone_number", "+1555000" + dialled));
        }

        if (roll < 0.95)
        {
            conference.Participants.Clear();
            conference.Viewers.Clear();
            return _random.NextDouble() < 0.5
                ? Delivery("conference_end", conference, time)
                : new OracleDelivery("conference_end", Json(("host_id", conference.Host), ("conference_id", conference.Id)), time);
        }

        return Delivery(_random.NextDouble() < 0.5 ? "conference_start" : "start_recording", conference, time);
    }

    /// <summary>Walks the dial-out state machine, including answered-then-rejected, stray statuses and re-dials.</summary>
    private string NextStatus(string? last)
    {
        var roll = _random.NextDouble();
        return last switch
        {
            null => roll < 0.75 ? "new" : roll < 0.87 ? "dialed" : "notenabled",
            "new" => roll < 0.65 ? "dialed" : roll < 0.8 ? "notenabled" : roll < 0.9 ? "cancelled" : "new",
            "dialed" => roll < 0.45 ? "answered" : roll < 0.65 ? "rejected" : roll < 0.85 ? "noanswer" : roll < 0.95 ? "cancelled" : "dialed",
            "answered" => roll < 0.5 ? "rejected" : "new",
            _ => roll < 0.8 ? "new" : "noanswer",
        };
    }

    /// <summary>A type the platform may add later: stored and skipped, but its time still moves stream time.</summary>
    private void UnknownEventAhead()
    {
        var conference = _conferences[1];
        _deliveries.Add(new OracleDelivery("breakout_room_opened", Json(("conference_id", conference.Id), ("host_id", conference.Host)), _clock + TimeSpan.FromSeconds(150)));
    }

    /// <summary>A conference_end whose 1-minute participants window is closed while its 5-minute churn window is open.</summary>
    private void ConferenceEndLateForParticipantsOnly()
    {
        var conference = _conferences[2];
        var viewer = 150;
        conference.Viewers.Add(viewer);
        _deliveries.Add(Delivery("enter_livestream", conference, _clock, ("participant_id", viewer)));
        _deliveries.Add(Delivery("enter_conference", conference, _clock, ("participant_id", 9), ("participant_role", "moderator"), ("meeting_url", "https://meet.example/r/x")));
        var boundary = DateTimeOffset.FromUnixTimeMilliseconds(((_clock.ToUnixTimeMilliseconds() / ContractOracle.ChurnWindow) + 1) * ContractOracle.ChurnWindow);
        var endTime = boundary + TimeSpan.FromSeconds(10);
        _clock = endTime + TimeSpan.FromSeconds(220);
        _deliveries.Add(Delivery("conference_start", _conferences[0], _clock));
        var end = Delivery("conference_end", conference, endTime);
        _deliveries.Add(end);
        _deliveries.Add(end);
        conference.Participants.Clear();
        conference.Viewers.Clear();
    }

    /// <summary>
    /// Stream time lands on a 15-minute boundary M; then events whose windows close exactly at M (late: a window
    /// is closed when stream time >= window_end + grace) and just after M (applied), for each aggregate.
    /// </summary>
    private void ExactlyAtTheClosingBoundaries()
    {
        var quarter = ContractOracle.DialoutWindow;
        var boundary = DateTimeOffset.FromUnixTimeMilliseconds(((_clock.ToUnixTimeMilliseconds() / quarter) + 1) * quarter);
        _clock = boundary;
        var conference = _conferences[0];
        _deliveries.Add(Delivery("conference_start", _conferences[1], boundary));
        _deliveries.Add(Delivery("enter_conference", conference, boundary - TimeSpan.FromSeconds(150), ("participant_id", 31), ("participant_role", "participant"), ("meeting_url", "https://meet.example/r/b"))); // closes at M
        _deliveries.Add(Delivery("enter_conference", conference, boundary - TimeSpan.FromSeconds(110), ("participant_id", 32), ("participant_role", "participant"), ("meeting_url", "https://meet.example/r/b"))); // closes at M + 1 min
        _deliveries.Add(Delivery("dialout_status_change", conference, boundary - TimeSpan.FromSeconds(1790), ("participant_id", 231), ("status", "new"), ("phone_number", "+1555000231"))); // closes at M
        _deliveries.Add(Delivery("dialout_status_change", conference, boundary - TimeSpan.FromSeconds(890), ("participant_id", 232), ("status", "new"), ("phone_number", "+1555000232"))); // closes at M + 15 min
        _deliveries.Add(Delivery("dialout_status_change", conference, boundary - TimeSpan.FromSeconds(880), ("participant_id", 232), ("status", "answered"), ("phone_number", "+1555000232")));
        _deliveries.Add(Delivery("dialout_status_change", conference, boundary - TimeSpan.FromSeconds(5), ("participant_id", 233), ("status", "notenabled"), ("phone_number", "+1555000233"))); // a first status that is final

        // A churn window ends 2 minutes before stream time only when stream time is M + 2 min.
        _clock = boundary + TimeSpan.FromMinutes(2);
        _deliveries.Add(Delivery("conference_start", _conferences[1], _clock));
        _deliveries.Add(Delivery("enter_livestream", conference, boundary - TimeSpan.FromSeconds(290), ("participant_id", 131))); // closes at M + 2 min
        _deliveries.Add(Delivery("enter_livestream", conference, boundary + TimeSpan.FromSeconds(10), ("participant_id", 132))); // closes at M + 7 min
    }

    /// <summary>Stream time jumps 25 minutes with one event; then events of before the jump arrive.</summary>
    private void LateBurst()
    {
        var before = _clock;
        _clock += TimeSpan.FromMinutes(25);
        _deliveries.Add(Delivery("start_recording", _conferences[3], _clock));
        var earlier = _deliveries.Take(_deliveries.Count - 1).Where(d => d.Event == "dialout_status_change").TakeLast(6).ToList();
        for (var i = 0; i < 6; i++)
        {
            _deliveries.Add(Next(_conferences[i % _conferences.Count], before - TimeSpan.FromSeconds(_random.Next(0, 60))));
        }

        // Re-deliveries of older dial-out statuses: duplicates if applied then, late if their attempt's window closed.
        _deliveries.AddRange(earlier.Take(3));
    }

    private OracleDelivery Delivery(string name, GeneratedConference conference, DateTimeOffset time, params (string Field, JsonNode? Value)[] fields)
    {
        // Identifiers are sometimes sent as numeric strings: the stored event has them as integers.
        JsonNode conferenceId = _random.NextDouble() < 0.1 ? conference.Id.ToString(CultureInfo.InvariantCulture) : conference.Id;
        return new OracleDelivery(name, Json([("host_id", conference.Host), ("company_id", conference.Company), ("conference_id", conferenceId), .. fields]), time);
    }

    private static string Json(params (string Field, JsonNode? Value)[] fields)
    {
        var payload = new JsonObject();
        foreach (var (field, value) in fields)
        {
            payload[field] = value;
        }

        return payload.ToJsonString();
    }

    private sealed class GeneratedConference(long id, long company, long host)
    {
        public long Id { get; } = id;

        public long Company { get; set; } = company;

        public long Host { get; } = host;

        public HashSet<long> Participants { get; } = [];

        public HashSet<long> Viewers { get; } = [];

        public Dictionary<long, string> DialStatus { get; } = [];
    }
}
