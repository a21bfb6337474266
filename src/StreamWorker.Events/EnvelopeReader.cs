using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace StreamWorker.Events;

/// <summary>
/// Checks that a body is the platform's envelope: a JSON object with a string <c>event</c>, a string
/// <c>payload</c> holding a JSON object, and an ISO 8601 <c>timestamp</c> (docs/webhook-events.md, docs/http-api.md).
/// Decisions where the documentation is silent:
/// <list type="bullet">
/// <item>keys other than these three are ignored (skipped without being looked at), so the platform may add some;</item>
/// <item>a second occurrence of <c>event</c>, <c>payload</c> or <c>timestamp</c> is an error naming that key: which one
/// to believe would be a guess;</item>
/// <item>a body that is not valid UTF-8 is an error on <c>body</c>; a leading UTF-8 byte order mark is allowed;</item>
/// <item><c>event</c> must be an identifier (<see cref="IsEventName"/>); unknown identifiers are passed through, but
/// anything else (empty, 10,000 characters, spaces or markup) is an error, so it never reaches the topic or a metric;</item>
/// <item><c>timestamp</c> must have a date and a time; without a UTC offset it is read as UTC;</item>
/// <item>nesting deeper than <see cref="MaxDepth"/> in the body or <see cref="PayloadMaxDepth"/> in the payload is rejected.</item>
/// </list>
/// </summary>
internal static class EnvelopeReader
{
    public const int MaxDepth = 64;

    /// <summary>The longest accepted <c>event</c> name; the longest documented one has 30 characters.</summary>
    public const int MaxEventNameLength = 64;

    /// <summary>Lower than <see cref="MaxDepth"/> so that the payload still fits once nested in a stored or dead-letter value.</summary>
    public const int PayloadMaxDepth = 32;

    private const string Body = "body";
    private const string Event = EnvelopeFieldNames.Event;
    private const string Payload = EnvelopeFieldNames.Payload;
    private const string Timestamp = EnvelopeFieldNames.Timestamp;

    private static readonly byte[] EventUtf8 = Encoding.UTF8.GetBytes(Event);
    private static readonly byte[] PayloadUtf8 = Encoding.UTF8.GetBytes(Payload);
    private static readonly byte[] TimestampUtf8 = Encoding.UTF8.GetBytes(Timestamp);

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth };
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = PayloadMaxDepth };

    /// <summary>The envelope, or null with every problem added to <paramref name="errors"/>.</summary>
    public static ParsedEnvelope? Read(ReadOnlySpan<byte> body, List<FieldError> errors)
    {
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        if (!Utf8.IsValid(body))
        {
            errors.Add(new FieldError(Body, "is not valid UTF-8"));
            return null;
        }

        var fields = new EnvelopeFields();
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add(new FieldError(Body, "must be a JSON object with the keys event, payload and timestamp"));
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(EventUtf8)) ReadEvent(ref reader, ref fields, errors);
                else if (reader.ValueTextEquals(PayloadUtf8)) ReadPayload(ref reader, ref fields, errors);
                else if (reader.ValueTextEquals(TimestampUtf8)) ReadTimestamp(ref reader, ref fields, errors);
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.Read()) errors.Add(new FieldError(Body, "has content after the envelope object"));
        }
        catch (JsonException ex)
        {
            fields.Release();
            errors.Clear();
            errors.Add(new FieldError(Body, $"is not valid JSON, or is nested deeper than {MaxDepth} levels (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"));
            return null;
        }

        if (!fields.SeenEvent) errors.Add(new FieldError(Event, "is required"));
        if (!fields.SeenPayload) errors.Add(new FieldError(Payload, "is required"));
        if (!fields.SeenTimestamp) errors.Add(new FieldError(Timestamp, "is required"));
        if (errors.Count > 0 || fields.EventName is null || fields.Payload is null || fields.Timestamp is null)
        {
            fields.Release();
            return null;
        }

        return new ParsedEnvelope(fields.EventName, fields.Timestamp.Value, fields.Payload, fields.PayloadBuffer!);
    }

    private static bool IsDuplicate(ref bool seen, string key, ref Utf8JsonReader reader, List<FieldError> errors)
    {
        reader.Read();
        if (!seen)
        {
            seen = true;
            return false;
        }

        errors.Add(new FieldError(key, "appears more than once"));
        reader.Skip();
        return true;
    }

    /// <summary>Moves to the key's value: true when it is the key's first occurrence and a string, else the error is added and the value skipped.</summary>
    private static bool IsFirstString(ref bool seen, string key, string notStringMessage, ref Utf8JsonReader reader, List<FieldError> errors)
    {
        if (IsDuplicate(ref seen, key, ref reader, errors)) return false;
        if (reader.TokenType == JsonTokenType.String) return true;
        errors.Add(new FieldError(key, notStringMessage));
        reader.Skip();
        return false;
    }

    private static void ReadEvent(ref Utf8JsonReader reader, ref EnvelopeFields fields, List<FieldError> errors)
    {
        if (!IsFirstString(ref fields.SeenEvent, Event, "must be a string", ref reader, errors)) return;

        if (!TryGetString(ref reader, out var name))
        {
            errors.Add(new FieldError(Event, "is not a valid string (unpaired surrogate escape)"));
        }
        else if (string.IsNullOrEmpty(name))
        {
            errors.Add(new FieldError(Event, "must not be empty"));
        }
        else if (!IsEventName(name))
        {
            errors.Add(new FieldError(Event, $"must be an event name: a lower-case letter, then at most {MaxEventNameLength - 1} lower-case letters, digits or underscores"));
        }
        else
        {
            fields.EventName = name;
        }
    }

    private static void ReadPayload(ref Utf8JsonReader reader, ref EnvelopeFields fields, List<FieldError> errors)
    {
        // The documented payload is a string of serialized JSON, never an inline object.
        if (!IsFirstString(ref fields.SeenPayload, Payload, "must be a string holding a JSON object", ref reader, errors)) return;

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(reader.ValueSpan.Length, 1));
        try
        {
            var length = reader.CopyString(buffer);
            var document = JsonDocument.Parse(buffer.AsMemory(0, length), DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                errors.Add(new FieldError(Payload, "must be a string holding a JSON object"));
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }

            fields.Payload = document;
            fields.PayloadBuffer = buffer;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            errors.Add(new FieldError(Payload, ex is JsonException
                ? "must be a string holding a JSON object (it holds invalid JSON, or JSON nested too deeply)"
                : "is not a valid string (unpaired surrogate escape)"));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadTimestamp(ref Utf8JsonReader reader, ref EnvelopeFields fields, List<FieldError> errors)
    {
        if (!IsFirstString(ref fields.SeenTimestamp, Timestamp, "must be a string", ref reader, errors)) return;

        if (IsoTimestamp.TryRead(ref reader, out var timestamp))
        {
            fields.Timestamp = timestamp;
        }
        else
        {
            errors.Add(new FieldError(Timestamp, "must be an ISO 8601 date and time, such as 2022-08-24T20:56:55.000Z"));
        }
    }

    /// <summary>Whether <paramref name="name"/> matches <c>^[a-z][a-z0-9_]{0,63}$</c>, the shape of every documented event name.</summary>
    public static bool IsEventName(string name)
    {
        if (name.Length is 0 or > MaxEventNameLength || name[0] is < 'a' or > 'z') return false;
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) return false;
        }

        return true;
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string? value)
    {
        try
        {
            value = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>What was read so far; owns the payload document until it is handed to a <see cref="ParsedEnvelope"/>.</summary>
    private struct EnvelopeFields
    {
        public bool SeenEvent;
        public bool SeenPayload;
        public bool SeenTimestamp;
        public string? EventName;
        public DateTimeOffset? Timestamp;
        public JsonDocument? Payload;
        public byte[]? PayloadBuffer;

        public void Release()
        {
            Payload?.Dispose();
            Payload = null;
            if (PayloadBuffer is not null) ArrayPool<byte>.Shared.Return(PayloadBuffer);
            PayloadBuffer = null;
        }
    }
}
