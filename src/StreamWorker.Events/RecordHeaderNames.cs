namespace StreamWorker.Events;

/// <summary>
/// Kafka header names of the records the gateway writes (docs/topics.md), part of the stored-event format beside the
/// value (<see cref="EventValueWriter"/>): events carry <see cref="Event"/> and <see cref="EventId"/>, the gateway's
/// dead letters also <see cref="Reason"/>. <c>traceparent</c> is not named here: OpenTelemetry's W3C propagator
/// writes and reads it.
/// </summary>
public static class RecordHeaderNames
{
    /// <summary>The event type, as in the value's <c>event</c>.</summary>
    public const string Event = "event";

    /// <summary>The value's <c>event_id</c>, so a reader can find an event without parsing values.</summary>
    public const string EventId = "event_id";

    /// <summary>A <see cref="DeadLetterReasons"/> value.</summary>
    public const string Reason = "reason";
}
