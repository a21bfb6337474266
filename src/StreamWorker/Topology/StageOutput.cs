namespace StreamWorker.Topology;

/// <summary>
/// A record forwarded by the conference stage and the route it takes: a rule's output (a participants or churn
/// record, an attempt change or progress record for the company stage) or a dead letter (already in its JSON form).
/// Each route's sink serializes its own type (<see cref="ProcessorTopology"/>).
/// </summary>
public sealed record StageOutput(OutputKind Kind, object Value);
