using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// Reads the value of a <c>webhook-events</c> record without materialising the whole payload:
/// the processor only needs the envelope and a handful of payload fields.
/// </summary>
public static class StoredEventReader
{
    public static bool TryRead(ReadOnlySpan<byte> value, [NotNullWhen(true)] out StoredEvent? storedEvent, [NotNullWhen(false)] out string? error)
    {
        storedEvent = null;
        try
        {
            var reader = new Utf8JsonReader(value, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "value is not a JSON object";
                return false;
            }

            string? eventId = null, eventName = null;
            DateTimeOffset? timestamp = null, receivedAt = null;
            EventFields fields = default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("event_id"u8)) { reader.Read(); eventId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; }
                else if (reader.ValueTextEquals("event"u8)) { reader.Read(); eventName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null; }
                else if (reader.ValueTextEquals("timestamp"u8)) { reader.Read(); timestamp = ReadTime(ref reader); }
                else if (reader.ValueTextEquals("received_at"u8)) { reader.Read(); receivedAt = ReadTime(ref reader); }
                else if (reader.ValueTextEquals("payload"u8)) { reader.Read(); fields = ReadFields(ref reader); }
                else { reader.Read(); reader.Skip(); }
            }

            if (eventId is null || eventName is null || timestamp is null)
            {
                error = "value lacks event_id, event or timestamp";
                return false;
            }

            storedEvent = new StoredEvent(eventId, eventName, timestamp.Value, receivedAt ?? timestamp.Value, fields);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = "value is not valid JSON: " + ex.Message;
            return false;
        }
    }

    private static DateTimeOffset? ReadTime(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String
        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    private static EventFields ReadFields(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return default;
        }

        long? conferenceId = null, hostId = null, companyId = null, participantId = null, size = null;
        string? role = null, reason = null, status = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(PayloadFieldNamesUtf8.ConferenceId)) { reader.Read(); conferenceId = ReadId(ref reader); }
            else if (reader.ValueTextEquals(PayloadFieldNamesUtf8.HostId)) { reader.Read(); hostId = ReadId(ref reader); }
            else if (reader.ValueTextEquals(PayloadFieldNamesUtf8.CompanyId)) { reader.Read(); companyId = ReadId(ref reader); }
            else if (reader.ValueTextEquals(PayloadFieldNamesUtf8.ParticipantId)) { reader.Read(); participantId = ReadId(ref reader); }
            else if (reader.ValueTextEquals(PayloadFieldNamesUtf8.ParticipantRole)) { reader.Read(); role = ReadString(ref reader); }
            else if (reader.ValueTextEquals(PayloadFieldNamesUtf8.ReasonForLeaving)) { reader.Read(); reason = ReadString(ref reader); }
            else if (reader.ValueTextEquals(PayloadFieldNamesUtf8.Status)) { reader.Read(); status = ReadString(ref reader); }
            else if (reader.ValueTextEquals(PayloadFieldNamesUtf8.Size)) { reader.Read(); size = ReadId(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }

        return new EventFields(conferenceId, hostId, companyId, participantId, role, reason, status, size);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static long? ReadId(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var n):
                return n;
            case JsonTokenType.String:
                var text = reader.GetString();
                return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
            default:
                reader.Skip();
                return null;
        }
    }
}
