using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>One POST of the scenario; a re-delivery is the same instance posted again (identical body).</summary>
public sealed record OracleDelivery(string Event, string Payload, DateTimeOffset Timestamp)
{
    public string Body { get; init; } = WebhookSamples.Body(Event, Payload, Timestamp);

    /// <summary>The same instant written with a +02:00 offset, as ISO 8601 allows; windows are still in UTC.</summary>
    public OracleDelivery WithOffsetTimestamp() => this with
    {
        Body = new JsonObject
        {
            ["event"] = Event,
            ["payload"] = Payload,
            ["timestamp"] = Timestamp.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        }.ToJsonString(),
    };
}
