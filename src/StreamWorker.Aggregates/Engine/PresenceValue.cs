namespace StreamWorker.Aggregates.Engine;

/// <summary>One member's presence in a <see cref="PresenceSet"/>: present when <see cref="Present"/> and the generation is current.</summary>
public sealed record PresenceValue(long Offset, bool Present, int Generation) : StateValue(Offset);
