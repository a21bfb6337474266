namespace StreamWorker.Events;

/// <summary>The <c>reason</c> values of dead-letter records written by the gateway (docs/http-api.md).</summary>
public static class DeadLetterReasons
{
    public const string InvalidPayload = "invalid_payload";
    public const string FutureTimestamp = "future_timestamp";
}
