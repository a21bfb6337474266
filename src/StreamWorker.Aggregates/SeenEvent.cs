namespace StreamWorker.Aggregates;

/// <summary>An <c>event_id</c> already processed: by which aggregates, and its event time (for retention).</summary>
public readonly record struct SeenEvent(long TimeMs, AggregateSet ProcessedBy);
