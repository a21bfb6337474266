using System.Globalization;
using System.Text.Json;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Tests.Support;

/// <summary>A generated delivery with its body taken apart, for assertions.</summary>
internal sealed record ParsedDelivery(Delivery Delivery, string Event, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string> Payload)
{
    public static ParsedDelivery Parse(Delivery delivery)
    {
        using var envelope = JsonDocument.Parse(delivery.Body);
        var root = envelope.RootElement;
        using var payload = JsonDocument.Parse(root.GetProperty("payload").GetString()!);
        var fields = payload.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
        return new ParsedDelivery(
            delivery,
            root.GetProperty("event").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
            fields);
    }

    public string? Field(string name) => Payload.TryGetValue(name, out var value) ? value : null;
}
