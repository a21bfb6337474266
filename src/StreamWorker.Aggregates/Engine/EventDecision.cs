namespace StreamWorker.Aggregates.Engine;

/// <summary>What the conference stage did with one event (docs/aggregates.md), for metrics and the dead-letter topic.</summary>
public enum EventDecision
{
    /// <summary>At least one aggregate applied it and none found it late.</summary>
    Applied,

    /// <summary>Every aggregate that consumes it had already processed its <c>event_id</c>.</summary>
    Duplicate,

    /// <summary>At least one aggregate found its window closed: dead-letter it once with reason <c>late</c>.</summary>
    Late,
}
