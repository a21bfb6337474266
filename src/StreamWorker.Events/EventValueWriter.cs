using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>Writes the stored forms of an event: the <c>webhook-events</c> value and the dead-letter body.</summary>
internal static class EventValueWriter
{
    // The values are Kafka records read by JSON parsers, never embedded in HTML: keep non-ASCII text readable.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = EnvelopeReader.MaxDepth + 2,
    };

    /// <summary><c>{"event_id","event","timestamp","received_at","payload"}</c> (contract section 2), as an exact-size array.</summary>
    public static byte[] StoredValue(
        string eventId, string eventName, string timestamp, DateTimeOffset receivedAt, CheckedPayload payload, PersonalData personalData, int sizeHint)
    {
        using var buffer = new PooledBufferWriter(sizeHint + 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("event_id"u8, eventId);
            writer.WriteString("event"u8, eventName);
            writer.WriteString("timestamp"u8, timestamp);
            writer.WriteString("received_at"u8, receivedAt.ToIso());
            writer.WritePropertyName("payload"u8);
            WritePayload(writer, payload, personalData);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The dead-letter value: the body is <c>{"event","payload","timestamp"}</c> with the payload as stored.</summary>
    public static byte[] DeadLetterValue(
        string eventId, string reason, IReadOnlyList<FieldError> errors, string eventName, string timestamp,
        DateTimeOffset receivedAt, CheckedPayload payload, PersonalData personalData, int sizeHint)
    {
        using var buffer = new PooledBufferWriter(sizeHint + 128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("event"u8, eventName);
            writer.WritePropertyName("payload"u8);
            WritePayload(writer, payload, personalData);
            writer.WriteString("timestamp"u8, timestamp);
            writer.WriteEndObject();
        }

        return DeadLetterRecord.Serialize(eventId, reason, errors, receivedAt, buffer.WrittenSpan);
    }

    /// <summary>The payload in received key order, valid documented identifiers as integers, personal data per the mode.</summary>
    private static void WritePayload(Utf8JsonWriter writer, CheckedPayload payload, PersonalData personalData)
    {
        writer.WriteStartObject();
        foreach (var property in payload.Root.EnumerateObject())
        {
            if (payload.TryGetIdentifier(property, out var name, out var identifier)) writer.WriteNumber(name, identifier);
            else if (PersonalData.IsPersonal(property)) personalData.WriteStored(writer, property);
            else property.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
