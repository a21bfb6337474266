namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// One member's presence in a <see cref="PresenceSet"/>: present when <see cref="Present"/> and written after the
/// set was last emptied (its <see cref="StateValue.Offset"/>, the input offset of the event that wrote it, is past
/// the set's clear). The value depends on the member's own enter or leave only, never on the conference summary.
/// </summary>
public sealed record PresenceValue(long Offset, bool Present) : StateValue(Offset);
