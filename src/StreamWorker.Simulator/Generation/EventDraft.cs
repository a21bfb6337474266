namespace StreamWorker.Simulator.Generation;

/// <summary>An event the simulated platform emits: its type, when it happened (offset from the traffic start) and its payload.</summary>
internal sealed record EventDraft(long OffsetMs, string Event, IReadOnlyList<PayloadField> Fields);
