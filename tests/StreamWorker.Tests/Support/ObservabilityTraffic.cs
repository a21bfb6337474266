using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support;

/// <summary>
/// A small burst that touches every metric the dashboards show: accepted events of the aggregated types,
/// a duplicate, a late event, an unknown type, a 401 and a 422, livestream leaves and dial-out outcomes.
/// </summary>
public static class ObservabilityTraffic
{
    private static int _round;

    public static async Task SendAsync(StreamWorkerInstance sw)
    {
        var round = Interlocked.Increment(ref _round);
        var conference = 700_000 + round;
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);

        async Task Post(string eventName, DateTimeOffset at, params (string Field, JsonNode? Value)[] changes)
        {
            var payload = WebhookSamples.Payload(eventName, [("conference_id", conference), .. changes]);
            using var response = await sw.PostAsync(WebhookSamples.Body(eventName, payload, at));
        }

        await Post("conference_start", start);
        await Post("enter_conference", start.AddSeconds(1), ("participant_id", 1));
        await Post("enter_conference", start.AddSeconds(2), ("participant_id", 2));
        await Post("enter_conference", start.AddSeconds(2), ("participant_id", 2)); // duplicate delivery
        await Post("leave_conference", start.AddSeconds(3), ("participant_id", 1), ("reason_for_leaving", "user_exit"));
        await Post("enter_livestream", start.AddSeconds(4), ("participant_id", 11));
        await Post("enter_livestream", start.AddSeconds(4), ("participant_id", 12));
        await Post("leave_livestream", start.AddSeconds(5), ("participant_id", 11), ("reason_for_leaving", "user_dropped"));
        await Post("dialout_status_change", start.AddSeconds(6), ("participant_id", 21), ("status", "new"));
        await Post("dialout_status_change", start.AddSeconds(7), ("participant_id", 21), ("status", "answered"));
        await Post("dialout_status_change", start.AddSeconds(8), ("participant_id", 22), ("status", "rejected"));
        await Post("start_recording", start.AddSeconds(9));
        await Post("enter_conference", start.AddMinutes(25), ("participant_id", 3));      // advances stream time
        await Post("enter_conference", start.AddSeconds(10), ("participant_id", 4));      // late by then
        using (await sw.PostAsync(WebhookSamples.Body("breakout_room_opened", """{"conference_id":1,"host_id":2}""", start))) { }
        using (await sw.PostAsync(WebhookSamples.Body("conference_start", start), token: "wrong")) { }
        using (await sw.PostAsync(WebhookSamples.Body("leave_conference", WebhookSamples.Payload("leave_conference", ("reason_for_leaving", "bored")), start))) { }
    }
}
