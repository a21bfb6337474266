using StreamWorker.Aggregates;

namespace StreamWorker.Topology;

/// <summary>
/// A record forwarded by the conference stage: its destination and its value, serialized for an output topic or,
/// for the company stage, the attempt change itself.
/// </summary>
public sealed record StageOutput(OutputKind Kind, byte[]? Value, DialoutAttemptChange? Change = null);
