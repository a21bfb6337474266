namespace StreamWorker.Aggregates.Sessions;

/// <summary>
/// A participant or viewer of a conference's sessions: present or not, as its last enter or leave left it, and the
/// input offset of its last enter. It is in the current session when written at or after the event that opened it (its
/// <see cref="StateValue.Offset"/> is not before <see cref="SessionState.StartOffset"/>), and has joined it when its
/// last enter is; otherwise it is absent from it. So a new session starts with empty sets whatever their size.
/// </summary>
public sealed record SessionMember(long Offset, bool Present, long EnteredAt) : StateValue(Offset);
