namespace StreamWorker.Aggregates.Sessions;

/// <summary>
/// A participant or viewer of a conference's sessions: present or not, as its last enter or leave left it. It belongs
/// to the current session when written at or after the event that opened it (its <see cref="StateValue.Offset"/> is not
/// before <see cref="SessionState.StartOffset"/>); otherwise it is absent from it and has not joined it yet. So a new
/// session starts with empty sets whatever their size, and the value depends on the member's own event only.
/// </summary>
public sealed record SessionMember(long Offset, bool Present) : StateValue(Offset);
