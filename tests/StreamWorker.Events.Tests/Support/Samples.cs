using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace StreamWorker.Events.Tests.Support;

/// <summary>Valid deliveries of every documented event, and helpers to build and read bodies.</summary>
internal static class Samples
{
    public const string Timestamp = "2022-08-24T20:56:55.000Z";
    public static readonly DateTimeOffset Now = new(2022, 8, 24, 21, 0, 0, TimeSpan.Zero);
    public static readonly byte[] HashKey = "test-hash-key-0123456789"u8.ToArray();

    /// <summary>A valid payload for each of the 22 events, as the platform would send it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Payloads = new Dictionary<string, string>
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

    /// <summary>Required payload fields, written out from the table of docs/webhook-events.md (not taken from the code under test).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RequiredFields = new Dictionary<string, string[]>
    {
        ["conference_start"] = ["host_id", "company_id", "conference_id"],
        ["conference_end"] = ["host_id", "conference_id"],
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

    public static WebhookIntake Intake(PersonalDataMode mode = PersonalDataMode.Hash, DateTimeOffset? now = null) =>
        new(new WebhookIntakeOptions { PersonalData = mode, HashKey = HashKey }, new FakeTimeProvider(now ?? Now));

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

    public static byte[] Valid(string eventName) => Envelope(eventName, Payloads[eventName]);

    /// <summary>The sample payload of <paramref name="eventName"/> with <paramref name="change"/> applied.</summary>
    public static string PayloadWith(string eventName, Action<JsonObject> change)
    {
        var payload = JsonNode.Parse(Payloads[eventName])!.AsObject();
        change(payload);
        return payload.ToJsonString();
    }

    public static JsonElement Json(ReadOnlyMemory<byte> value)
    {
        using var document = JsonDocument.Parse(value);
        return document.RootElement.Clone();
    }

    public static string[] ErrorFields(IntakeResult result) => result.Errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> EventNames() => new(Payloads.Keys);
}
