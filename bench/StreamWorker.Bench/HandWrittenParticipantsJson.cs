using System.Buffers;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Bench;

/// <summary>
/// The baseline of the serializer comparison: a participants record written field by field with a fresh
/// <see cref="Utf8JsonWriter"/>, as the processor did before its output records moved to System.Text.Json source generation.
/// </summary>
internal static class HandWrittenParticipantsJson
{
    public static byte[] Serialize(ParticipantsRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>(320);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("conference_id"u8, record.ConferenceId);
            if (record.CompanyId is { } company) w.WriteNumber("company_id"u8, company); else w.WriteNull("company_id"u8);
            if (record.HostId is { } host) w.WriteNumber("host_id"u8, host); else w.WriteNull("host_id"u8);
            w.WriteString("window_start"u8, IsoTime.FromUnixMilliseconds(record.WindowStartMs));
            w.WriteString("window_end"u8, IsoTime.FromUnixMilliseconds(record.WindowEndMs));
            w.WriteNumber("joins"u8, record.Joins);
            w.WriteNumber("leaves"u8, record.Leaves);
            w.WriteNumber("concurrent"u8, record.Concurrent);
            w.WriteNumber("peak_concurrent"u8, record.PeakConcurrent);
            w.WriteStartObject("leaves_by_reason"u8);
            w.WriteNumber(ReasonsForLeaving.UserExit, record.LeavesByReason.UserExit);
            w.WriteNumber(ReasonsForLeaving.UserDropped, record.LeavesByReason.UserDropped);
            w.WriteNumber(ReasonsForLeaving.HostKicked, record.LeavesByReason.HostKicked);
            w.WriteNumber(ReasonsForLeaving.HostKickedBlocked, record.LeavesByReason.HostKickedBlocked);
            w.WriteNumber(WebhookEventNames.ConferenceEnd, record.LeavesByReason.ConferenceEnd);
            w.WriteEndObject();
            w.WriteBoolean("final"u8, record.Final);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
