using System.Buffers;
using System.Text;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Topology.Stages;

/// <summary>Dead-letter records of the processor: events it could not use, and late events (docs/topics.md).</summary>
public static class DeadLetters
{
    public static StageOutput Unusable(string? eventId, IReadOnlyList<FieldError> errors, DateTimeOffset receivedAt, byte[]? body) =>
        new(OutputKind.DeadLetter, DeadLetterRecord.Serialize(eventId, DeadLetterReasons.Unusable, errors, receivedAt, body));

    public static StageOutput Late(string eventId, long streamTimeMs, DateTimeOffset receivedAt, byte[] body)
    {
        var message = $"late: the window of this event (or of its dial-out attempt) closed before stream time {IsoTime.FromUnixMilliseconds(streamTimeMs)}";
        return new(OutputKind.DeadLetter, DeadLetterRecord.Serialize(eventId, DeadLetterReasons.Late, [new FieldError("timestamp", message)], receivedAt, body));
    }

    /// <summary>A value that is not a stored event goes to the dead-letter body as a JSON string.</summary>
    public static byte[] AsJsonString(byte[]? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value is null ? "" : Encoding.UTF8.GetString(value));
        }

        return buffer.WrittenSpan.ToArray();
    }
}
