using System.Globalization;
using System.Text.Json;

namespace StreamWorker.Simulator.Tests.Support;

/// <summary>
/// The input format as written in docs/webhook-events.md, restated independently of the generator so that
/// the tests check the generator against the spec rather than against itself.
/// </summary>
internal static class WebhookSpec
{
    private static readonly string[] Common = ["host_id", "company_id", "conference_id"];

    public static readonly IReadOnlyDictionary<string, string[]> RequiredFields = new Dictionary<string, string[]>
    {
        ["conference_start"] = Common,
        ["conference_end"] = ["host_id", "conference_id"], // company_id may be missing, as in the published example
        ["start_recording"] = Common,
        ["stop_recording"] = Common,
        ["start_streaming"] = Common,
        ["stop_streaming"] = Common,
        ["recording_ready"] = [.. Common, "recording_id", "download_link"],
        ["transcription_ready"] = Common,
        ["enter_livestream"] = [.. Common, "participant_id"],
        ["leave_livestream"] = [.. Common, "participant_id", "reason_for_leaving"],
        ["stream_preview_updated"] = [.. Common, "video_url"],
        ["profile_picture_upload_success"] = ["host_id", "company_id"],
        ["profile_picture_upload_failure"] = ["host_id", "company_id"],
        ["enter_conference"] = [.. Common, "participant_id", "participant_role", "meeting_url"],
        ["leave_conference"] = [.. Common, "participant_id", "participant_role", "reason_for_leaving"],
        ["dialout_status_change"] = [.. Common, "participant_id", "status", "phone_number"],
        ["participant_role_changed"] = ["host_id", "conference_id", "participant_id", "participant_role"],
        ["start_broadcasting"] = Common,
        ["stop_broadcasting"] = Common,
        ["drive_file_added"] = ["host_id", "company_id", "id", "filename", "size"],
        ["drive_file_deleted"] = ["host_id", "company_id", "id", "filename"],
        ["one_time_access_code_reused"] = [.. Common, "original_conference_id"],
    };

    public static readonly string[] LeaveReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];
    public static readonly string[] Roles = ["organizer", "moderator", "participant"];
    public static readonly string[] DialoutStatuses = ["new", "dialed", "answered", "rejected", "noanswer", "cancelled", "notenabled"];

    private static readonly string[] IdentifierFields = ["host_id", "company_id", "conference_id", "participant_id", "recording_id", "id", "original_conference_id"];

    /// <summary>The problems of one webhook body against the spec; empty when it is valid.</summary>
    public static List<string> Problems(string body)
    {
        var problems = new List<string>();
        using var envelope = JsonDocument.Parse(body);
        var root = envelope.RootElement;
        var keys = root.EnumerateObject().Select(p => p.Name).OrderBy(k => k, StringComparer.Ordinal).ToArray();
        if (!keys.SequenceEqual(["event", "payload", "timestamp"]))
        {
            problems.Add($"envelope keys {string.Join(",", keys)}");
            return problems;
        }

        var eventName = root.GetProperty("event").GetString()!;
        if (root.GetProperty("payload").ValueKind != JsonValueKind.String)
        {
            problems.Add("payload is not a string");
            return problems;
        }

        var timestamp = root.GetProperty("timestamp").GetString()!;
        if (!DateTime.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
        {
            problems.Add($"timestamp '{timestamp}'");
        }

        if (!RequiredFields.TryGetValue(eventName, out var required))
        {
            problems.Add($"unknown event '{eventName}'");
            return problems;
        }

        using var payloadDocument = JsonDocument.Parse(root.GetProperty("payload").GetString()!);
        var payload = payloadDocument.RootElement;
        if (payload.ValueKind != JsonValueKind.Object)
        {
            problems.Add("payload is not an object");
            return problems;
        }

        problems.AddRange(required.Where(field => !payload.TryGetProperty(field, out _)).Select(field => $"{eventName}: {field} missing"));
        foreach (var property in payload.EnumerateObject())
        {
            var value = property.Value;
            var ok = property.Name switch
            {
                var id when IdentifierFields.Contains(id) => value.ValueKind == JsonValueKind.Number ? value.TryGetInt64(out _) : long.TryParse(value.GetString(), CultureInfo.InvariantCulture, out _),
                "size" => value.ValueKind == JsonValueKind.Number,
                "reason_for_leaving" => LeaveReasons.Contains(value.GetString()),
                "participant_role" => Roles.Contains(value.GetString()),
                "status" => DialoutStatuses.Contains(value.GetString()),
                "phone_number" => value.GetString() is { Length: > 5 } phone && phone.StartsWith('+'),
                "download_link" => value.GetString() is { } link && (link.EndsWith(".mp3", StringComparison.Ordinal) || link.EndsWith(".mp4", StringComparison.Ordinal)),
                "video_url" => value.GetString()?.EndsWith(".mp4", StringComparison.Ordinal) == true,
                "image_url" => value.GetString()?.EndsWith(".jpg", StringComparison.Ordinal) == true,
                "meeting_url" or "filename" => value.ValueKind == JsonValueKind.String,
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"{eventName}: {property.Name}={value.GetRawText()}");
            }
        }

        return problems;
    }
}
