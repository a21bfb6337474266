namespace StreamWorker.Tests.Support.Oracle;

/// <summary>One POST of the scenario; a re-delivery is the same instance posted again (identical body).</summary>
public sealed record OracleDelivery(string Event, string Payload, DateTimeOffset Timestamp)
{
    public string Body { get; } = WebhookSamples.Body(Event, Payload, Timestamp);
}
