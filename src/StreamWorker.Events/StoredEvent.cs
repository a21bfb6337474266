namespace StreamWorker.Events;

/// <summary>
/// A verified event as read back from the events topic (docs/topics.md).
/// </summary>
public sealed record StoredEvent(
    string EventId,
    string Event,
    DateTimeOffset Timestamp,
    DateTimeOffset ReceivedAt,
    EventFields Fields);
