using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support;

/// <summary>Valid webhook bodies for every event type of docs/webhook-events.md, and helpers to vary them.</summary>
public static class WebhookSamples
{
    public static readonly IReadOnlyDictionary<string, string> Payloads = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["conference_start"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["conference_end"] = """{"conference_id":1258835,"host_id":61803}""",
        ["start_recording"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["stop_recording"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["start_streaming"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["stop_streaming"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["recording_ready"] = """{"host_id":61803,"company_id":42,"conference_id":1258835,"recording_id":77,"download_link":"https://cdn.example/rec/77.mp4"}""",
        ["transcription_ready"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["enter_livestream"] = """{"host_id":61803,"company_id":42,"conference_id":1258835,"participant_id":9001}""",
        ["leave_livestream"] = """{"host_id":61803,"company_id":42,"conference_id":1258835,"participant_id":9001,"reason_for_leaving":"user_exit"}""",
        ["stream_preview_updated"] = """{"host_id":61803,"company_id":42,"conference_id":1258835,"video_url":"https://cdn.example/p.mp4","image_url":"https://cdn.example/p.jpg"}""",
        ["profile_picture_upload_success"] = """{"host_id":61803,"company_id":42}""",
        ["profile_picture_upload_failure"] = """{"host_id":61803,"company_id":42}""",
        ["enter_conference"] = """{"host_id":61803,"company_id":42,"conference_id":1258835,"participant_id":501,"participant_role":"participant","meeting_url":"https://meet.example/r/abc"}""",
        ["leave_conference"] = """{"host_id":61803,"company_id":42,"conference_id":1258835,"participant_id":501,"participant_role":"participant","reason_for_leaving":"user_dropped"}""",
        ["dialout_status_change"] = """{"host_id":61803,"company_id":42,"conference_id":1258835,"participant_id":601,"status":"answered","phone_number":"+15551234567"}""",
        ["participant_role_changed"] = """{"host_id":61803,"conference_id":1258835,"participant_id":501,"participant_role":"moderator"}""",
        ["start_broadcasting"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["stop_broadcasting"] = """{"host_id":61803,"company_id":42,"conference_id":1258835}""",
        ["drive_file_added"] = """{"host_id":61803,"company_id":42,"id":3,"filename":"deck.pdf","size":123456}""",
        ["drive_file_deleted"] = """{"host_id":61803,"company_id":42,"id":3,"filename":"deck.pdf"}""",
        ["one_time_access_code_reused"] = """{"host_id":61803,"company_id":42,"conference_id":1258836,"original_conference_id":1258835}""",
    };

    public static IEnumerable<object[]> EventNames => Payloads.Keys.Select(k => new object[] { k });

    /// <summary>An envelope as the platform sends it: the payload is a string holding JSON.</summary>
    public static string Body(string eventName, string payload, DateTimeOffset timestamp) =>
        new JsonObject
        {
            ["event"] = eventName,
            ["payload"] = payload,
            ["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString();

    public static string Body(string eventName, DateTimeOffset timestamp) => Body(eventName, Payloads[eventName], timestamp);

    /// <summary>The sample payload with some fields replaced or (value null) removed.</summary>
    public static string Payload(string eventName, params (string Field, JsonNode? Value)[] changes)
    {
        var payload = JsonNode.Parse(Payloads[eventName])!.AsObject();
        foreach (var (field, value) in changes)
        {
            if (value is null)
            {
                payload.Remove(field);
            }
            else
            {
                payload[field] = value;
            }
        }

        return payload.ToJsonString();
    }

    public static JsonElement Parse(byte[] value) => JsonDocument.Parse(value).RootElement.Clone();
}
