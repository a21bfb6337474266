using System.Globalization;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Simulator.Watch;

/// <summary>How one analytics topic is shown: its name, the field that orders rows within a window, and the columns.</summary>
internal sealed record TopicLayout(string Topic, string Title, string SizeField, IReadOnlyList<TopicColumn> Columns)
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

    private static string Window(JsonElement record)
    {
        static string Clock(JsonElement r, string field) =>
            r.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                ? t.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)
                : "?";

        return Clock(record, "window_start"); // the length is in the table's title
    }
}
