using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Kafka;

/// <summary>
/// Turns a delivery into the record the gateway would have written to <c>webhook-events</c> (docs/topics.md),
/// for filling the topic directly in the processor benchmark: key <c>conference_id</c> or else <c>host_id</c>,
/// value <c>{"event_id","event","timestamp","received_at","payload"}</c> with identifiers as integers and
/// personal data hashed. The event id is this tool's own stable digest of (event, payload, timestamp), so
/// re-deliveries share it as they would through the gateway.
/// </summary>
internal static class StoredEventWriter
{
    // Benchmark data only: a fixed key keeps prefilled topics reproducible.
    private static readonly byte[] HashKey = "streamworker-simulator-prefill"u8.ToArray();

    /// <returns>False for a delivery the gateway would refuse (not an envelope with a payload object).</returns>
    public static bool TryWrite(Delivery delivery, DateTimeOffset trafficStart, out string key, out string value, out string eventName, out string eventId)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        key = value = eventName = eventId = "";
        if (delivery.Kind == DeliveryKind.Invalid)
        {
            return false;
        }

        using var envelope = JsonDocument.Parse(delivery.Body);
        var root = envelope.RootElement;
        if (!root.TryGetProperty("event", out var eventElement) || !root.TryGetProperty("payload", out var payloadElement)
            || !root.TryGetProperty("timestamp", out var timestampElement) || payloadElement.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        eventName = eventElement.GetString() ?? "";
        var payloadText = payloadElement.GetString() ?? "";
        var timestamp = timestampElement.GetString() ?? "";
        using var payload = JsonDocument.Parse(payloadText);
        if (payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        eventId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{eventName}\n{payloadText}\n{timestamp}")))[..32];
        key = Identifier(payload.RootElement, "conference_id") ?? Identifier(payload.RootElement, "host_id") ?? "";
        var receivedAt = EnvelopeWriter.Timestamp(trafficStart.AddMilliseconds(delivery.SendOffsetMs));

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event_id", eventId);
            writer.WriteString("event", eventName);
            writer.WriteString("timestamp", timestamp);
            writer.WriteString("received_at", receivedAt);
            writer.WritePropertyName("payload");
            WritePayload(writer, payload.RootElement);
            writer.WriteEndObject();
        }

        value = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return true;
    }

    private static void WritePayload(Utf8JsonWriter writer, JsonElement payload)
    {
        writer.WriteStartObject();
        foreach (var property in payload.EnumerateObject())
        {
            var isIdentifier = property.Name.EndsWith("_id", StringComparison.Ordinal) || property.Name == "id";
            if (isIdentifier && property.Value.ValueKind == JsonValueKind.String
                && long.TryParse(property.Value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                writer.WriteNumber(property.Name, id);
            }
            else if (property.Name is "phone_number" or "meeting_url" && property.Value.ValueKind == JsonValueKind.String)
            {
                var digest = HMACSHA256.HashData(HashKey, Encoding.UTF8.GetBytes(property.Value.GetString()!));
                writer.WriteString(property.Name, "hmac-sha256:" + Convert.ToHexStringLower(digest));
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static string? Identifier(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.String => value.GetString(),
                _ => null,
            }
            : null;
}
