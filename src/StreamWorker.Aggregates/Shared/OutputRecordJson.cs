using System.Buffers;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Aggregates;

/// <summary>
/// The JSON values of the three analytics topics (docs/topics.md, docs/aggregates.md): snake_case names, identifiers as integers,
/// times as ISO 8601 UTC with milliseconds, rates as full-precision numbers or null, every field always present.
/// </summary>
public static class OutputRecordJson
{
    // leaves_by_reason is keyed by the reason_for_leaving values; the dial-out counts by the status values.
    private static readonly JsonEncodedText UserExit = JsonEncodedText.Encode(ReasonsForLeaving.UserExit);
    private static readonly JsonEncodedText UserDropped = JsonEncodedText.Encode(ReasonsForLeaving.UserDropped);
    private static readonly JsonEncodedText HostKicked = JsonEncodedText.Encode(ReasonsForLeaving.HostKicked);
    private static readonly JsonEncodedText HostKickedBlocked = JsonEncodedText.Encode(ReasonsForLeaving.HostKickedBlocked);
    private static readonly JsonEncodedText EndedWithConference = JsonEncodedText.Encode(WebhookEventNames.ConferenceEnd);
    private static readonly JsonEncodedText Answered = JsonEncodedText.Encode(DialoutStatuses.Answered);
    private static readonly JsonEncodedText Rejected = JsonEncodedText.Encode(DialoutStatuses.Rejected);
    private static readonly JsonEncodedText NoAnswer = JsonEncodedText.Encode(DialoutStatuses.NoAnswer);
    private static readonly JsonEncodedText Cancelled = JsonEncodedText.Encode(DialoutStatuses.Cancelled);
    private static readonly JsonEncodedText NotEnabled = JsonEncodedText.Encode(DialoutStatuses.NotEnabled);

    public static byte[] Serialize(ParticipantsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Write(w =>
        {
            w.WriteNumber("conference_id"u8, record.ConferenceId);
            WriteId(w, "company_id"u8, record.CompanyId);
            WriteId(w, "host_id"u8, record.HostId);
            WriteWindow(w, record.WindowStartMs, record.WindowEndMs);
            w.WriteNumber("joins"u8, record.Joins);
            w.WriteNumber("leaves"u8, record.Leaves);
            w.WriteNumber("concurrent"u8, record.Concurrent);
            w.WriteNumber("peak_concurrent"u8, record.PeakConcurrent);
            var byReason = record.LeavesByReason;
            WriteLeavesByReason(w, byReason.UserExit, byReason.UserDropped, byReason.HostKicked, byReason.HostKickedBlocked, byReason.ConferenceEnd);
            w.WriteBoolean("final"u8, record.Final);
        });
    }

    public static byte[] Serialize(LivestreamChurnRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Write(w =>
        {
            w.WriteNumber("conference_id"u8, record.ConferenceId);
            WriteId(w, "company_id"u8, record.CompanyId);
            WriteWindow(w, record.WindowStartMs, record.WindowEndMs);
            w.WriteNumber("viewers_at_start"u8, record.ViewersAtStart);
            w.WriteNumber("enters"u8, record.Enters);
            w.WriteNumber("leaves"u8, record.Leaves);
            var byReason = record.LeavesByReason;
            WriteLeavesByReason(w, byReason.UserExit, byReason.UserDropped, byReason.HostKicked, byReason.HostKickedBlocked, conferenceEnd: null);
            w.WriteNumber("peak_viewers"u8, record.PeakViewers);
            WriteRate(w, "churn_rate"u8, record.ChurnRate);
            w.WriteBoolean("final"u8, record.Final);
        });
    }

    public static byte[] Serialize(DialoutAnswerRateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Write(w =>
        {
            w.WriteNumber("company_id"u8, record.CompanyId);
            WriteWindow(w, record.WindowStartMs, record.WindowEndMs);
            w.WriteNumber("attempts"u8, record.Attempts);
            w.WriteNumber(Answered, record.Answered);
            w.WriteNumber(Rejected, record.Rejected);
            w.WriteNumber(NoAnswer, record.NoAnswer);
            w.WriteNumber(Cancelled, record.Cancelled);
            w.WriteNumber(NotEnabled, record.NotEnabled);
            w.WriteNumber("pending"u8, record.Pending);
            WriteRate(w, "answer_rate"u8, record.AnswerRate);
            w.WriteBoolean("final"u8, record.Final);
        });
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(320);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteWindow(Utf8JsonWriter w, long startMs, long endMs)
    {
        w.WriteString("window_start"u8, IsoTime.FromUnixMilliseconds(startMs));
        w.WriteString("window_end"u8, IsoTime.FromUnixMilliseconds(endMs));
    }

    /// <summary>The four reasons, and the removals by <c>conference_end</c> where the record counts them (participants, not churn).</summary>
    private static void WriteLeavesByReason(Utf8JsonWriter w, int userExit, int userDropped, int hostKicked, int hostKickedBlocked, int? conferenceEnd)
    {
        w.WriteStartObject("leaves_by_reason"u8);
        w.WriteNumber(UserExit, userExit);
        w.WriteNumber(UserDropped, userDropped);
        w.WriteNumber(HostKicked, hostKicked);
        w.WriteNumber(HostKickedBlocked, hostKickedBlocked);
        if (conferenceEnd is { } ended) w.WriteNumber(EndedWithConference, ended);
        w.WriteEndObject();
    }

    private static void WriteId(Utf8JsonWriter w, ReadOnlySpan<byte> name, long? id)
    {
        if (id is { } value) w.WriteNumber(name, value); else w.WriteNull(name);
    }

    private static void WriteRate(Utf8JsonWriter w, ReadOnlySpan<byte> name, double? rate)
    {
        // Utf8JsonWriter writes doubles in their shortest round-trippable form: full precision.
        if (rate is { } value) w.WriteNumber(name, value); else w.WriteNull(name);
    }
}
