namespace StreamWorker.Topology;

/// <summary>A record forwarded by the conference stage: its destination and serialized value.</summary>
public sealed record StageOutput(OutputKind Kind, byte[] Value);
