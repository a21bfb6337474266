namespace StreamWorker.Events;

/// <summary>The <c>reason</c> values of dead-letter records, from the gateway and the processor (docs/topics.md).</summary>
public static class DeadLetterReasons
{
    public const string InvalidPayload = "invalid_payload";
    public const string FutureTimestamp = "future_timestamp";

    /// <summary>The processor could not use the stored event (not a stored event, or a consumed event missing a field it needs).</summary>
    public const string Unusable = "unusable";

    /// <summary>The event's window (or its dial-out attempt's) had closed.</summary>
    public const string Late = "late";
}
