namespace StreamWorker.Aggregates;

/// <summary>One participant's (or viewer's) presence: present when <see cref="Present"/> and the generation is current.</summary>
public sealed record PresenceValue(long Offset, bool Present, int Generation) : StateValue(Offset);
