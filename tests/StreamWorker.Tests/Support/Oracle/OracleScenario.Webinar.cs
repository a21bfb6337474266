using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

// A large webinar beside the small conferences: the shape whose state and records must not grow with the audience.
// Drawn from its own random sequence, so that the other conferences' deliveries are those of the same seed without it.
public sealed partial class OracleScenario
{
    private const long WebinarId = 7900, WebinarCompany = 104, WebinarHost = 90;

    private Random? _webinarRandom;
    private List<(double At, string Event, string Payload)> _webinar = [];
    private int _webinarNext;

    /// <summary>
    /// Plans a webinar of <paramref name="viewers"/> livestream viewers and a tenth as many participants: everyone enters
    /// in the first 60 % of the scenario, 70 % of viewers and 80 % of participants leave later (every reason), a few
    /// deliveries come twice; the webinar starts at the first step and ends after the last.
    /// </summary>
    private void PlanWebinar(int seed, int viewers)
    {
        _webinarRandom = new Random(unchecked((seed * 17) + 3));
        var planned = new List<(double At, string Event, string Payload)>();
        void Person(long id, bool viewer, double leaves)
        {
            var enter = _webinarRandom.NextDouble() * 0.6;
            planned.Add(viewer
                ? Webinar(enter, "enter_livestream", ("participant_id", id))
                : Webinar(enter, "enter_conference", ("participant_id", id), ("participant_role", "participant"), ("meeting_url", "https://meet.example/r/webinar")));
            if (_webinarRandom.NextDouble() >= leaves) return;
            var reason = Reasons[_webinarRandom.Next(Reasons.Length)];
            var leave = enter + (_webinarRandom.NextDouble() * (1 - enter));
            planned.Add(viewer
                ? Webinar(leave, "leave_livestream", ("participant_id", id), ("reason_for_leaving", reason))
                : Webinar(leave, "leave_conference", ("participant_id", id), ("participant_role", "participant"), ("reason_for_leaving", reason)));
        }

        for (var v = 0; v < viewers; v++) Person(100_000 + v, viewer: true, leaves: 0.7);
        for (var p = 0; p < viewers / 10; p++) Person(10_000 + p, viewer: false, leaves: 0.8);
        _webinar = [Webinar(-1, "conference_start"), .. planned.OrderBy(p => p.At)];
    }

    /// <summary>The webinar's deliveries due by this step, at its time; a few delivered twice.</summary>
    private void WebinarStep(int step, int steps, DateTimeOffset time)
    {
        if (_webinarRandom is null) return;
        for (; _webinarNext < _webinar.Count && _webinar[_webinarNext].At < (step + 1) / (double)steps; _webinarNext++)
        {
            var delivery = new OracleDelivery(_webinar[_webinarNext].Event, _webinar[_webinarNext].Payload, time);
            _deliveries.Add(delivery);
            if (_webinarRandom.NextDouble() < 0.05) _deliveries.Add(delivery);
        }
    }

    private void WebinarEnd()
    {
        if (_webinarRandom is not null) _deliveries.Add(new OracleDelivery("conference_end", Webinar(0, "conference_end").Payload, _clock));
    }

    private static (double At, string Event, string Payload) Webinar(double at, string name, params (string Field, JsonNode? Value)[] fields) =>
        (at, name, Json([("host_id", WebinarHost), ("company_id", WebinarCompany), ("conference_id", WebinarId), .. fields]));
}
