using System.Globalization;
using System.Text.Json;

namespace StreamWorker.Simulator.Tests.Support;

/// <summary>
/// A validator of webhook bodies against docs/webhook-events.md (the required fields of the shared samples and
/// the documented value formats), independent of the generator, so the tests check the generator against the spec.
/// </summary>
internal static class WebhookSpec
{
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

        if (!WebhookSamples.RequiredFields.TryGetValue(eventName, out var required))
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
                "reason_for_leaving" => WebhookSamples.LeaveReasons.Contains(value.GetString()),
                "participant_role" => WebhookSamples.Roles.Contains(value.GetString()),
                "status" => WebhookSamples.DialoutStatuses.Contains(value.GetString()),
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
