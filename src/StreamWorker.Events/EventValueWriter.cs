using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>Writes the stored forms of an event: the <c>webhook-events</c> value and the dead-letter value.</summary>
internal static class EventValueWriter
{
    /// <summary><c>{"event_id","event","timestamp","received_at","payload"}</c> (docs/topics.md), as an exact-size array.</summary>
    public static byte[] StoredValue(
        string eventId, string eventName, string timestamp, DateTimeOffset receivedAt, CheckedPayload payload, PersonalData personalData)
    {
        using var scratch = JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteString("event_id"u8, eventId);
        writer.WriteString("event"u8, eventName);
        writer.WriteString("timestamp"u8, timestamp);
        writer.WriteString("received_at"u8, receivedAt.ToIso());
        writer.WritePropertyName("payload"u8);
        WritePayload(writer, payload, personalData);
        writer.WriteEndObject();
        return scratch.Written.ToArray();
    }

    /// <summary>The dead-letter value (<see cref="DeadLetterRecord"/>) whose body is <c>{"event","payload","timestamp"}</c>, the payload as it would be stored.</summary>
    public static byte[] DeadLetterValue(
        string eventId, string reason, IReadOnlyList<FieldError> errors, string eventName, string timestamp,
        DateTimeOffset receivedAt, CheckedPayload payload, PersonalData personalData)
    {
        using var scratch = JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteString("event"u8, eventName);
        writer.WritePropertyName("payload"u8);
        WritePayload(writer, payload, personalData);
        writer.WriteString("timestamp"u8, timestamp);
        writer.WriteEndObject();
        return DeadLetterRecord.Serialize(eventId, reason, errors, receivedAt, scratch.Written);
    }

    /// <summary>The payload in received key order, valid documented identifiers as integers, personal data per the mode.</summary>
    private static void WritePayload(Utf8JsonWriter writer, CheckedPayload payload, PersonalData personalData)
    {
        writer.WriteStartObject();
        foreach (var entry in payload.Properties)
        {
            if (entry.Identifier is { } identifier) writer.WriteNumber(entry.Name, identifier);
            else if (entry.IsPersonalData) personalData.WriteStored(writer, entry.Name, entry.Property.Value, entry.Pseudonym);
            else entry.Property.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}
