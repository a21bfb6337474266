using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// The <c>event_id</c>: a stable digest of (<c>event</c>, <c>payload</c>, <c>timestamp</c>), so that the same
/// delivery retried gets the same id (contract section 1).
/// <para>
/// It is the first 16 bytes of SHA-256, as 32 lowercase hex characters, over the canonical JSON text
/// <c>["&lt;event&gt;","&lt;timestamp&gt;",{payload}]</c> where the timestamp is UTC with milliseconds
/// (<see cref="IsoTime.Format"/>); payload object keys are sorted by ordinal comparison at every depth
/// (duplicate keys keep their received order); documented identifiers that are valid are written as integers
/// (so <c>"42"</c> and <c>42</c> give the same id); other values are re-serialised as received
/// (strings re-escaped, numbers with their received text). Insignificant whitespace and key order of the
/// delivery therefore do not change the id.
/// </para>
/// <para>
/// It is computed from the payload as received, whatever <c>Privacy:PersonalData</c> says, except that
/// <c>phone_number</c> and <c>meeting_url</c> enter it as their keyed HMAC: a plain digest over a phone number
/// would let anyone holding the rest of the stored record find the number by trying every candidate.
/// The id therefore stays the same across retries as long as <c>Privacy:HashKey</c> does.
/// </para>
/// </summary>
internal static class EventIdDigest
{
    private const int IdBytes = 16;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = EnvelopeReader.MaxDepth + 2,
    };

    public static string Compute(string eventName, string timestamp, CheckedPayload payload, PersonalData personalData, int sizeHint)
    {
        using var buffer = new PooledBufferWriter(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(eventName);
            writer.WriteStringValue(timestamp);
            WriteCanonicalPayload(writer, payload, personalData);
            writer.WriteEndArray();
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, digest);
        return Convert.ToHexStringLower(digest[..IdBytes]);
    }

    private static void WriteCanonicalPayload(Utf8JsonWriter writer, CheckedPayload payload, PersonalData personalData)
    {
        writer.WriteStartObject();
        foreach (var property in SortedProperties(payload.Root))
        {
            if (payload.TryGetIdentifier(property, out var name, out var identifier))
            {
                writer.WriteNumber(name, identifier);
            }
            else if (PersonalData.IsPersonal(property))
            {
                writer.WritePropertyName(property.Name);
                personalData.WritePseudonym(writer, property.Value);
            }
            else
            {
                writer.WritePropertyName(property.Name);
                WriteCanonicalValue(writer, property.Value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteCanonicalValue(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in SortedProperties(value))
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonicalValue(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) WriteCanonicalValue(writer, item);
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }

    private static readonly Comparer<(string Name, int Order)> KeyOrder = Comparer<(string Name, int Order)>.Create(static (a, b) =>
    {
        var byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? byName : a.Order.CompareTo(b.Order);
    });

    private static JsonProperty[] SortedProperties(JsonElement obj)
    {
        var properties = obj.EnumerateObject().ToArray();
        var keys = new (string Name, int Order)[properties.Length];
        for (var i = 0; i < properties.Length; i++) keys[i] = (properties[i].Name, i);
        Array.Sort(keys, properties, KeyOrder);
        return properties;
    }
}
