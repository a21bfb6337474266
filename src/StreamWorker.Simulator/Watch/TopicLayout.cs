using System.Globalization;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Simulator.Watch;

/// <summary>
/// How one analytics topic is shown: its name, the field that orders rows within a window, the columns, and the time
/// field that, with the key, identifies a record (<c>window_start</c>; a session's <c>started_at</c>).
/// </summary>
internal sealed record TopicLayout(string Topic, string Title, string SizeField, IReadOnlyList<TopicColumn> Columns, string IdentityField = "window_start")
{
    public static IReadOnlyList<TopicLayout> Defaults { get; } =
    [
        new(TopicNames.Participants, "Concurrent participants (1 min windows)", "concurrent",
        [
            new("conference", r => Number(r, "conference_id")),
            new("window", Window),
            new("concurrent", r => Number(r, "concurrent")),
            new("peak", r => Number(r, "peak_concurrent")),
            new("joins", r => Number(r, "joins")),
            new("leaves", r => Number(r, "leaves")),
            new("dropped", r => Reasons(r, ReasonsForLeaving.UserDropped)),
            new("kicked", r => Reasons(r, ReasonsForLeaving.HostKicked, ReasonsForLeaving.HostKickedBlocked)),
        ]),
        new(TopicNames.LivestreamChurn, "Livestream churn (5 min windows)", "peak_viewers",
        [
            new("conference", r => Number(r, "conference_id")),
            new("window", Window),
            new("at start", r => Number(r, "viewers_at_start")),
            new("enters", r => Number(r, "enters")),
            new("leaves", r => Number(r, "leaves")),
            new("peak", r => Number(r, "peak_viewers")),
            new("churn rate", r => Rate(r, "churn_rate")),
        ]),
        new(TopicNames.DialoutAnswerRate, "Dial-out answer rate per company (15 min windows)", "attempts",
        [
            new("company", r => Number(r, "company_id")),
            new("window", Window),
            new("attempts", r => Number(r, "attempts")),
            new("answered", r => Number(r, DialoutStatuses.Answered)),
            new("rejected", r => Number(r, DialoutStatuses.Rejected)),
            new("no answer", r => Number(r, DialoutStatuses.NoAnswer)),
            new("cancelled", r => Number(r, DialoutStatuses.Cancelled)),
            new("disabled", r => Number(r, DialoutStatuses.NotEnabled)),
            new("pending", r => Number(r, "pending")),
            new("answer rate", r => Rate(r, "answer_rate")),
        ]),
        new(TopicNames.Sessions, "Conference sessions (one row per meeting)", "participants",
        [
            new("conference", r => Number(r, "conference_id")),
            new("started", r => Clock(r, "started_at", "HH:mm")),
            new("ended", r => r.TryGetProperty("ended_at", out var ended) && ended.ValueKind == JsonValueKind.String ? Clock(r, "ended_at", "HH:mm") : "open"),
            new("minutes", r => Minutes(r, "duration_ms")),
            new("participants", r => Number(r, "participants")),
            new("peak", r => Number(r, "peak_concurrent")),
            new("participant min", r => Minutes(r, "participant_ms")),
            new("viewers", r => Number(r, "viewers")),
            new("recording min", r => Minutes(r, "recording_ms")),
            new("dial-outs answered", r => $"{Number(r, "dialout_answered")}/{Number(r, "dialout_attempts")}"),
            new("final", Final),
        ], IdentityField: "started_at"),
        new(TopicNames.CompanyUsage, "Company usage (one row per company and day)", "participant_joins",
        [
            new("company", r => Number(r, "company_id")),
            new("day", r => Clock(r, "window_start", "yyyy-MM-dd")),
            new("conferences", r => Number(r, "conferences_started")),
            new("joins", r => Number(r, "participant_joins")),
            new("viewer joins", r => Number(r, "viewer_joins")),
            new("recordings", r => Number(r, "recordings_started")),
            new("transcripts", r => Number(r, "transcriptions_ready")),
            new("drive files", r => Number(r, "drive_files_added")),
            new("code reuses", r => Number(r, "access_code_reuses")),
            new("final", Final),
        ]),
    ];

    public static string Number(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : "-";

    public static double NumberValue(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    private static string Rate(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? (value.GetDouble() * 100).ToString("F0", CultureInfo.InvariantCulture) + "%"
            : "-";

    private static string Reasons(JsonElement record, params string[] reasons)
    {
        if (!record.TryGetProperty("leaves_by_reason", out var byReason) || byReason.ValueKind != JsonValueKind.Object)
        {
            return "-";
        }

        return reasons.Sum(reason => NumberValue(byReason, reason)).ToString(CultureInfo.InvariantCulture);
    }

    private static string Final(JsonElement record) =>
        record.TryGetProperty("final", out var final) && final.ValueKind == JsonValueKind.True ? "yes" : "";

    /// <summary>The window's start; its length is in the table's title.</summary>
    private static string Window(JsonElement record) => Clock(record, "window_start", "HH:mm");

    private static string Clock(JsonElement record, string field, string format) =>
        record.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString(format, CultureInfo.InvariantCulture)
            : "?";

    private static string Minutes(JsonElement record, string field) =>
        record.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Number
            ? (value.GetDouble() / 60_000).ToString("F0", CultureInfo.InvariantCulture)
            : "-";
}
