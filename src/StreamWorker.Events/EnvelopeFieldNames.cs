namespace StreamWorker.Events;

/// <summary>The keys of the platform's webhook envelope (docs/webhook-events.md); <c>payload</c> is a string holding a JSON object.</summary>
public static class EnvelopeFieldNames
{
    public const string Event = "event";
    public const string Payload = "payload";
    public const string Timestamp = "timestamp";
}
