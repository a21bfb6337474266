using System.Security.Cryptography;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// The <c>event_id</c>: a stable digest of (<c>event</c>, <c>payload</c>, <c>timestamp</c>), so that the same
/// delivery retried gets the same id (docs/http-api.md).
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

    private static readonly Comparer<(string Name, JsonElement Value, int Index)> OrdinalThenReceived =
        Comparer<(string Name, JsonElement Value, int Index)>.Create(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : a.Index.CompareTo(b.Index);
        });

    public static string Compute(string eventName, string timestamp, CheckedPayload payload)
    {
        using var scratch = JsonScratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartArray();
        writer.WriteStringValue(eventName);
        writer.WriteStringValue(timestamp);
        WriteCanonicalPayload(writer, payload);
        writer.WriteEndArray();

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(scratch.Written, digest);
        return Convert.ToHexStringLower(digest[..IdBytes]);
    }

    private static void WriteCanonicalPayload(Utf8JsonWriter writer, CheckedPayload payload)
    {
        writer.WriteStartObject();
        foreach (var (name, index) in payload.SortedNames)
        {
            var entry = payload.Properties[index];
            writer.WritePropertyName(name);
            if (entry.Identifier is { } identifier) writer.WriteNumberValue(identifier);
            else if (entry.IsPersonalData) writer.WriteStringValue(entry.Pseudonym);
            else WriteCanonicalValue(writer, entry.Property.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteCanonicalValue(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<(string Name, JsonElement Value, int Index)>();
                foreach (var property in value.EnumerateObject()) properties.Add((property.Name, property.Value, properties.Count));
                properties.Sort(OrdinalThenReceived);
                writer.WriteStartObject();
                foreach (var (name, nested, _) in properties)
                {
                    writer.WritePropertyName(name);
                    WriteCanonicalValue(writer, nested);
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
}
