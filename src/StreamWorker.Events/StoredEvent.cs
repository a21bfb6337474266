namespace StreamWorker.Events;

/// <summary>
/// A verified event as read back from the events topic (contract section 2).
/// </summary>
public sealed record StoredEvent(
    string EventId,
    string Event,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    EventFields Fields);
