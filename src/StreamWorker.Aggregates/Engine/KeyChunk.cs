namespace StreamWorker.Aggregates.Engine;

/// <summary>One chunk of a <see cref="KeyList"/>: at most <see cref="KeyList.ChunkSize"/> entries, so every value stays small.</summary>
public sealed record KeyChunk(long Offset, IReadOnlyList<string> Items) : StateValue(Offset);
