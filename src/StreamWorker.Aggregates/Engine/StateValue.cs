namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// One value of a stage's state store. <see cref="Offset"/> is the input offset of the last event that wrote it:
/// an event replayed after an at-least-once restart skips every key it already wrote (docs/topology.md, "Restarts").
/// </summary>
public abstract record StateValue(long Offset);
