using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// The value of a <c>webhook-events-dlq</c> record (docs/topics.md):
/// <c>{"event_id", "reason", "errors", "received_at", "body"}</c>.
/// <c>errors</c> maps a field path to its messages, as in problem+json;
/// <c>body</c> is the event as JSON (privacy rules already applied), or a string when it did not parse.
/// </summary>
public static class DeadLetterRecord
{
    public static byte[] Serialize(
        string? eventId,
        string reason,
        IReadOnlyList<FieldError> errors,
        DateTimeOffset receivedAt,
        ReadOnlySpan<byte> bodyJson)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256 + bodyJson.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (eventId is null) writer.WriteNull("event_id"u8); else writer.WriteString("event_id"u8, eventId);
            writer.WriteString("reason"u8, reason);
            writer.WriteStartObject("errors"u8);
            foreach (var group in errors.GroupBy(e => e.Field, StringComparer.Ordinal))
            {
                writer.WriteStartArray(group.Key);
                foreach (var error in group) writer.WriteStringValue(error.Message);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteString("received_at"u8, receivedAt.ToIso());
            writer.WritePropertyName("body"u8);
            if (bodyJson.IsEmpty) writer.WriteNullValue(); else writer.WriteRawValue(bodyJson, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
