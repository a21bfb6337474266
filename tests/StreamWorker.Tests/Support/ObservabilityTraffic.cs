using System.Text.Json.Nodes;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

/// <summary>
/// A small burst that touches every metric the dashboards show: accepted events of the aggregated types,
/// a duplicate, a late event, an unknown type, a 401 and a 422, livestream leaves and dial-out outcomes; a conference
/// session with a recording that ends (sessions open and ended, participant and recording time), a reused one-time
/// access code, and events that find no session or no company (unattributed).
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

        await Post(WebhookEventNames.ConferenceStart, start);
        await Post(WebhookEventNames.EnterConference, start.AddSeconds(1), ("participant_id", 1));
        await Post(WebhookEventNames.EnterConference, start.AddSeconds(2), ("participant_id", 2));
        await Post(WebhookEventNames.EnterConference, start.AddSeconds(2), ("participant_id", 2)); // duplicate delivery
        await Post(WebhookEventNames.LeaveConference, start.AddSeconds(3), ("participant_id", 1), ("reason_for_leaving", "user_exit"));
        await Post(WebhookEventNames.EnterLivestream, start.AddSeconds(4), ("participant_id", 11));
        await Post(WebhookEventNames.EnterLivestream, start.AddSeconds(4), ("participant_id", 12));
        await Post(WebhookEventNames.LeaveLivestream, start.AddSeconds(5), ("participant_id", 11), ("reason_for_leaving", "user_dropped"));
        await Post(WebhookEventNames.DialoutStatusChange, start.AddSeconds(6), ("participant_id", 21), ("status", "new"));
        await Post(WebhookEventNames.DialoutStatusChange, start.AddSeconds(7), ("participant_id", 21), ("status", "answered"));
        await Post(WebhookEventNames.DialoutStatusChange, start.AddSeconds(8), ("participant_id", 22), ("status", "rejected"));
        await Post(WebhookEventNames.StartRecording, start.AddSeconds(9));
        await Post(WebhookEventNames.StopRecording, start.AddSeconds(15));
        await Post(WebhookEventNames.OneTimeAccessCodeReused, start.AddSeconds(16));
        await Post(WebhookEventNames.ConferenceEnd, start.AddSeconds(20)); // ends the session
        await Post(WebhookEventNames.StopStreaming, start.AddSeconds(21)); // no open session
        await Post(WebhookEventNames.EnterConference, start.AddMinutes(25), ("participant_id", 3)); // advances stream time, opens a session
        await Post(WebhookEventNames.EnterConference, start.AddSeconds(10), ("participant_id", 4)); // late by then
        // A conference never seen with a company, ended without company_id: no session and no company.
        var unattributed = WebhookSamples.Payload(WebhookEventNames.ConferenceEnd, ("conference_id", conference + 1_000_000), ("company_id", null));
        using (await sw.PostAsync(WebhookSamples.Body(WebhookEventNames.ConferenceEnd, unattributed, start.AddMinutes(25)))) { }
        using (await sw.PostAsync(WebhookSamples.Body("breakout_room_opened", """{"conference_id":1,"host_id":2}""", start))) { }
        using (await sw.PostAsync(WebhookSamples.Body(WebhookEventNames.ConferenceStart, start), token: "wrong")) { }
        using (await sw.PostAsync(WebhookSamples.Body(WebhookEventNames.LeaveConference, WebhookSamples.Payload(WebhookEventNames.LeaveConference, ("reason_for_leaving", "bored")), start))) { }
    }
}
