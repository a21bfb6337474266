using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamWorker.Testing;

/// <summary>
/// Valid webhook deliveries of every event of docs/webhook-events.md, written out from that document (not taken
/// from the code under test), and helpers to build and vary bodies.
/// </summary>
public static class WebhookSamples
{
    /// <summary>The timestamp of <see cref="Valid"/> bodies.</summary>
    public const string Timestamp = "2022-08-24T20:56:55.000Z";

    /// <summary>A valid payload for each of the 22 events, as the platform would send it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Payloads = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["conference_start"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["conference_end"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["start_recording"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["stop_recording"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["start_streaming"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["stop_streaming"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["recording_ready"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"recording_id":99,"download_link":"https://cdn.example/r/99.mp4"}""",
        ["transcription_ready"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["enter_livestream"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"participant_id":777}""",
        ["leave_livestream"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"participant_id":777,"reason_for_leaving":"user_exit"}""",
        ["stream_preview_updated"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"video_url":"https://cdn.example/p.mp4","image_url":"https://cdn.example/p.jpg"}""",
        ["profile_picture_upload_success"] = """{"host_id":61803,"company_id":4242}""",
        ["profile_picture_upload_failure"] = """{"host_id":61803,"company_id":4242}""",
        ["enter_conference"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"participant_id":777,"participant_role":"participant","meeting_url":"https://meet.example/room-1"}""",
        ["leave_conference"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"participant_id":777,"participant_role":"moderator","reason_for_leaving":"host_kicked"}""",
        ["dialout_status_change"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"participant_id":777,"status":"answered","phone_number":"+15551234567"}""",
        ["participant_role_changed"] = """{"host_id":61803,"conference_id":1258835,"participant_id":777,"participant_role":"organizer"}""",
        ["start_broadcasting"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["stop_broadcasting"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835}""",
        ["drive_file_added"] = """{"host_id":61803,"company_id":4242,"id":31,"filename":"deck.pdf","size":1048576}""",
        ["drive_file_deleted"] = """{"host_id":61803,"company_id":4242,"id":31,"filename":"deck.pdf"}""",
        ["one_time_access_code_reused"] = """{"host_id":61803,"company_id":4242,"conference_id":1258835,"original_conference_id":1258000}""",
    };

    /// <summary>The required payload fields of each event, from the table of docs/webhook-events.md.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["conference_start"] = ["host_id", "company_id", "conference_id"],
        ["conference_end"] = ["host_id", "conference_id"], // company_id may be missing, as in the published example
        ["start_recording"] = ["host_id", "company_id", "conference_id"],
        ["stop_recording"] = ["host_id", "company_id", "conference_id"],
        ["start_streaming"] = ["host_id", "company_id", "conference_id"],
        ["stop_streaming"] = ["host_id", "company_id", "conference_id"],
        ["recording_ready"] = ["host_id", "company_id", "conference_id", "recording_id", "download_link"],
        ["transcription_ready"] = ["host_id", "company_id", "conference_id"],
        ["enter_livestream"] = ["host_id", "company_id", "conference_id", "participant_id"],
        ["leave_livestream"] = ["host_id", "company_id", "conference_id", "participant_id", "reason_for_leaving"],
        ["stream_preview_updated"] = ["host_id", "company_id", "conference_id", "video_url"],
        ["profile_picture_upload_success"] = ["host_id", "company_id"],
        ["profile_picture_upload_failure"] = ["host_id", "company_id"],
        ["enter_conference"] = ["host_id", "company_id", "conference_id", "participant_id", "participant_role", "meeting_url"],
        ["leave_conference"] = ["host_id", "company_id", "conference_id", "participant_id", "participant_role", "reason_for_leaving"],
        ["dialout_status_change"] = ["host_id", "company_id", "conference_id", "participant_id", "status", "phone_number"],
        ["participant_role_changed"] = ["host_id", "conference_id", "participant_id", "participant_role"],
        ["start_broadcasting"] = ["host_id", "company_id", "conference_id"],
        ["stop_broadcasting"] = ["host_id", "company_id", "conference_id"],
        ["drive_file_added"] = ["host_id", "company_id", "id", "filename", "size"],
        ["drive_file_deleted"] = ["host_id", "company_id", "id", "filename"],
        ["one_time_access_code_reused"] = ["host_id", "company_id", "conference_id", "original_conference_id"],
    };

    public static readonly IReadOnlyList<string> LeaveReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];

    public static readonly IReadOnlyList<string> Roles = ["organizer", "moderator", "participant"];

    public static readonly IReadOnlyList<string> DialoutStatuses = ["new", "dialed", "answered", "rejected", "noanswer", "cancelled", "notenabled"];

    /// <summary>An envelope as the platform sends it: the payload is a string holding JSON.</summary>
    public static byte[] Envelope(string eventName, string payloadJson, string timestamp = Timestamp)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("event", eventName);
            writer.WriteString("payload", payloadJson);
            writer.WriteString("timestamp", timestamp);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The sample delivery of <paramref name="eventName"/>, as bytes.</summary>
    public static byte[] Valid(string eventName) => Envelope(eventName, Payloads[eventName]);

    /// <summary>An envelope as text, with the timestamp in the platform's format (UTC, milliseconds).</summary>
    public static string Body(string eventName, string payloadJson, DateTimeOffset timestamp) =>
        Encoding.UTF8.GetString(Envelope(eventName, payloadJson, FormatTimestamp(timestamp)));

    public static string Body(string eventName, DateTimeOffset timestamp) => Body(eventName, Payloads[eventName], timestamp);

    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The sample payload of <paramref name="eventName"/> with some fields replaced or (value null) removed.</summary>
    public static string Payload(string eventName, params (string Field, JsonNode? Value)[] changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return PayloadWith(eventName, payload =>
        {
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
        });
    }

    /// <summary>The sample payload of <paramref name="eventName"/> with <paramref name="change"/> applied.</summary>
    public static string PayloadWith(string eventName, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var payload = JsonNode.Parse(Payloads[eventName])!.AsObject();
        change(payload);
        return payload.ToJsonString();
    }

    /// <summary>A stored record's JSON value, detached from its document.</summary>
    public static JsonElement Parse(ReadOnlyMemory<byte> value)
    {
        using var document = JsonDocument.Parse(value);
        return document.RootElement.Clone();
    }
}
