using System.Globalization;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

/// <summary>
/// A realistic, reproducible day-part of webhook traffic, turned into <c>webhook-events</c> records by the
/// gateway's own <see cref="WebhookIntake"/>: several companies and conferences, participants entering and
/// leaving (with rejoins), livestream viewers, dial-outs with re-dials and "pressed 2 after answering", events
/// no aggregate consumes, and the delivery faults of a webhook platform: duplicates minutes apart, small
/// reorderings within grace and a few events so late their windows have closed.
/// </summary>
public sealed class ReliabilityScenario
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] LeaveReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];
    private static readonly string[] FinalStatuses = ["answered", "answered", "rejected", "noanswer", "cancelled", "notenabled"];

    private readonly Random _random;
    private readonly List<Planned> _planned = [];

    private ReliabilityScenario(int seed) => _random = new Random(seed);

    /// <summary>The records in delivery order.</summary>
    public IReadOnlyList<ScenarioRecord> Records { get; private init; } = [];

    public int Duplicates { get; private init; }

    public int Delayed { get; private init; }

    public int VeryLate { get; private init; }

    public int Conferences { get; private init; }

    /// <summary>
    /// <paramref name="conferences"/> conferences of 8-14 participants and 10-19 viewers; with
    /// <paramref name="largeViewers"/> above 0 the first one is a webinar of that many viewers and a tenth as many
    /// participants (the shape whose state must not grow with the conference).
    /// </summary>
    public static ReliabilityScenario Generate(int conferences, int seed = 20261126, int largeViewers = 0)
    {
        var scenario = new ReliabilityScenario(seed);
        for (var i = 0; i < conferences; i++)
        {
            if (i == 0 && largeViewers > 0) scenario.PlanConference(i, largeViewers / 10, largeViewers);
            else scenario.PlanConference(i, 8 + scenario._random.Next(0, 7), 10 + scenario._random.Next(0, 10));
        }

        return scenario.Deliver(conferences);
    }

    /// <summary>One record made by the gateway intake, for small hand-written scenarios.</summary>
    public static ScenarioRecord OneRecord(string eventName, string payload, DateTimeOffset at)
    {
        var intake = new WebhookIntake(
            new WebhookIntakeOptions { PersonalData = PersonalDataMode.Hash, HashKey = Encoding.UTF8.GetBytes("reliability-test-hash-key") },
            new FakeTimeProvider(at + TimeSpan.FromSeconds(1)));
        var result = intake.Process(Encoding.UTF8.GetBytes(WebhookSamples.Body(eventName, payload, at)));
        return result.Status == IntakeStatus.Accepted
            ? new ScenarioRecord(result.Key, result.Value.ToArray(), result.EventId!)
            : throw new InvalidOperationException($"{eventName} not accepted: {string.Join(", ", result.Errors)}");
    }

    private void PlanConference(int index, int participants, int viewers)
    {
        var conference = 70_001 + index;
        var company = 101 + (index % 4);
        var host = 900 + index;
        var begin = Start + TimeSpan.FromSeconds(_random.Next(0, 20 * 60));
        var end = begin + TimeSpan.FromMinutes(35 + _random.Next(0, 10));
        string Ids(long participant) => string.Create(CultureInfo.InvariantCulture, $"\"host_id\":{host},\"company_id\":{company},\"conference_id\":{conference},\"participant_id\":{participant}");
        DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) => from + TimeSpan.FromMilliseconds(_random.NextInt64(0, (long)Math.Max(1, (to - from).TotalMilliseconds)));

        Plan("conference_start", begin, $"{{\"host_id\":{host},\"company_id\":{company},\"conference_id\":{conference}}}");
        Plan("start_recording", begin + TimeSpan.FromSeconds(30), $"{{\"host_id\":{host},\"company_id\":{company},\"conference_id\":{conference}}}");
        for (var p = 0; p < participants; p++)
        {
            var participant = (conference * 1_000_000L) + p;
            var enter = Between(begin, end - TimeSpan.FromMinutes(5));
            Plan("enter_conference", enter, $"{{{Ids(participant)},\"participant_role\":\"participant\",\"meeting_url\":\"https://meet.example/r/{conference}\"}}");
            if (_random.NextDouble() < 0.8)
            {
                var leave = Between(enter + TimeSpan.FromSeconds(20), end);
                Plan("leave_conference", leave, $"{{{Ids(participant)},\"participant_role\":\"participant\",\"reason_for_leaving\":\"{Pick(LeaveReasons)}\"}}");
                if (_random.NextDouble() < 0.25 && leave < end - TimeSpan.FromMinutes(1))
                {
                    Plan("enter_conference", Between(leave, end), $"{{{Ids(participant)},\"participant_role\":\"participant\",\"meeting_url\":\"https://meet.example/r/{conference}\"}}");
                }
            }
        }

        for (var v = 0; v < viewers; v++)
        {
            var viewer = (conference * 1_000_000L) + 500_000 + v;
            var enter = Between(begin, end - TimeSpan.FromMinutes(2));
            Plan("enter_livestream", enter, $"{{{Ids(viewer)}}}");
            if (_random.NextDouble() < 0.7)
            {
                Plan("leave_livestream", Between(enter + TimeSpan.FromSeconds(5), end), $"{{{Ids(viewer)},\"reason_for_leaving\":\"{Pick(LeaveReasons)}\"}}");
            }
        }

        for (var d = 0; d < 3 + _random.Next(0, 3); d++)
        {
            var participant = (conference * 1_000_000L) + 900_000 + d;
            var at = Between(begin, end - TimeSpan.FromMinutes(6));
            var redials = _random.NextDouble() < 0.3 ? 1 : 0;
            for (var attempt = 0; attempt <= redials; attempt++)
            {
                Dial(participant, at, "new");
                Dial(participant, at + TimeSpan.FromSeconds(3), "dialed");
                var final = Pick(FinalStatuses);
                Dial(participant, at + TimeSpan.FromSeconds(10 + _random.Next(0, 80)), final);
                if (final == "answered" && _random.NextDouble() < 0.2)
                {
                    Dial(participant, at + TimeSpan.FromSeconds(100), "rejected"); // pressed 2 after answering: changes nothing
                }

                at += TimeSpan.FromMinutes(2);
            }
        }

        Plan("stop_recording", end - TimeSpan.FromSeconds(10), $"{{\"host_id\":{host},\"company_id\":{company},\"conference_id\":{conference}}}");
        Plan("conference_end", end, $"{{\"conference_id\":{conference},\"host_id\":{host}}}");

        void Dial(long participant, DateTimeOffset at, string status) =>
            Plan("dialout_status_change", at, $"{{{Ids(participant)},\"status\":\"{status}\",\"phone_number\":\"+1555{participant % 10_000_000:0000000}\"}}");
    }

    private void Plan(string eventName, DateTimeOffset at, string payload) => _planned.Add(new Planned(eventName, at, payload, at));

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    /// <summary>Orders the planned events by delivery time after adding the platform's delivery faults, and runs the gateway intake.</summary>
    private ReliabilityScenario Deliver(int conferences)
    {
        var deliveries = new List<Planned>(_planned.Count + (_planned.Count / 10));
        int duplicates = 0, delayed = 0, veryLate = 0;
        foreach (var planned in _planned)
        {
            var roll = _random.NextDouble();
            var delivery = planned;
            if (roll < 0.10)
            {
                // Reordered within grace: delivered up to 45 s after its own time.
                delivery = planned with { DeliverAt = planned.At + TimeSpan.FromSeconds(_random.Next(1, 45)) };
                delayed++;
            }
            else if (roll < 0.115 && planned.EventName != "conference_end")
            {
                // So late that at least its 1-minute window (and with 10 minutes the 5-minute one) has closed.
                delivery = planned with { DeliverAt = planned.At + TimeSpan.FromMinutes(10) };
                veryLate++;
            }

            deliveries.Add(delivery);
            if (_random.NextDouble() < 0.06)
            {
                // The platform re-delivers: the same body, seconds to minutes later.
                deliveries.Add(delivery with { DeliverAt = delivery.DeliverAt + TimeSpan.FromSeconds(_random.Next(2, 240)) });
                duplicates++;
            }
        }

        var clock = new FakeTimeProvider(Start + TimeSpan.FromDays(1));
        var intake = new WebhookIntake(
            new WebhookIntakeOptions { PersonalData = PersonalDataMode.Hash, HashKey = Encoding.UTF8.GetBytes("reliability-test-hash-key") },
            clock);
        var records = new List<ScenarioRecord>(deliveries.Count);
        foreach (var delivery in deliveries.OrderBy(d => d.DeliverAt))
        {
            clock.Advance(TimeSpan.FromMilliseconds(3));
            var result = intake.Process(Encoding.UTF8.GetBytes(WebhookSamples.Body(delivery.EventName, delivery.Payload, delivery.At)));
            if (result.Status != IntakeStatus.Accepted)
            {
                throw new InvalidOperationException($"scenario event {delivery.EventName} not accepted: {string.Join(", ", result.Errors)}");
            }

            records.Add(new ScenarioRecord(result.Key, result.Value.ToArray(), result.EventId!));
        }

        return new ReliabilityScenario(0)
        {
            Records = records,
            Duplicates = duplicates,
            Delayed = delayed,
            VeryLate = veryLate,
            Conferences = conferences,
        };
    }

    private sealed record Planned(string EventName, DateTimeOffset At, string Payload, DateTimeOffset DeliverAt);
}
