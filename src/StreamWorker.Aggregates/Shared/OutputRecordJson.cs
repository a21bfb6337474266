using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace StreamWorker.Aggregates;

/// <summary>
/// The JSON values of the three analytics topics (docs/topics.md, docs/aggregates.md): snake_case names, identifiers as integers,
/// times as ISO 8601 UTC with milliseconds, rates as full-precision numbers or null, every field always present.
/// </summary>
public static class OutputRecordJson
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

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
            w.WriteStartObject("leaves_by_reason"u8);
            w.WriteNumber("user_exit"u8, record.LeavesByReason.UserExit);
            w.WriteNumber("user_dropped"u8, record.LeavesByReason.UserDropped);
            w.WriteNumber("host_kicked"u8, record.LeavesByReason.HostKicked);
            w.WriteNumber("host_kicked_blocked"u8, record.LeavesByReason.HostKickedBlocked);
            w.WriteNumber("conference_end"u8, record.LeavesByReason.ConferenceEnd);
            w.WriteEndObject();
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
            w.WriteStartObject("leaves_by_reason"u8);
            w.WriteNumber("user_exit"u8, record.LeavesByReason.UserExit);
            w.WriteNumber("user_dropped"u8, record.LeavesByReason.UserDropped);
            w.WriteNumber("host_kicked"u8, record.LeavesByReason.HostKicked);
            w.WriteNumber("host_kicked_blocked"u8, record.LeavesByReason.HostKickedBlocked);
            w.WriteEndObject();
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
            w.WriteNumber("answered"u8, record.Answered);
            w.WriteNumber("rejected"u8, record.Rejected);
            w.WriteNumber("noanswer"u8, record.NoAnswer);
            w.WriteNumber("cancelled"u8, record.Cancelled);
            w.WriteNumber("notenabled"u8, record.NotEnabled);
            w.WriteNumber("pending"u8, record.Pending);
            WriteRate(w, "answer_rate"u8, record.AnswerRate);
            w.WriteBoolean("final"u8, record.Final);
        });
    }

    /// <summary>ISO 8601 UTC with milliseconds, the one time format of every StreamWorker record.</summary>
    public static string FormatTime(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

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
        w.WriteString("window_start"u8, FormatTime(startMs));
        w.WriteString("window_end"u8, FormatTime(endMs));
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
