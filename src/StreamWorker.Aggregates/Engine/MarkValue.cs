namespace StreamWorker.Aggregates.Engine;

/// <summary>A single number: a partition's stream time, a list's length, a queue's floor.</summary>
public sealed record MarkValue(long Offset, long Value) : StateValue(Offset);
