namespace StreamWorker.Aggregates.Input;

/// <summary>How an event read from the events topic relates to the aggregates.</summary>
public enum EventRelevance
{
    /// <summary>Consumed by an aggregate and carries every field it needs.</summary>
    Consumed,

    /// <summary>A known event type that no aggregate consumes (<c>start_recording</c>, ...).</summary>
    NotConsumed,

    /// <summary>An event name the platform documentation does not list: counted and skipped.</summary>
    Unknown,

    /// <summary>Consumed by an aggregate but a field it needs is missing or not a known value: dead-lettered.</summary>
    Unusable,
}
