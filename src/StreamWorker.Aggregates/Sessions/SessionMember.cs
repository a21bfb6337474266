namespace StreamWorker.Aggregates.Sessions;

/// <summary>
/// A participant or viewer of a conference's sessions: the session (<see cref="SessionState.Sequence"/>) it last
/// entered or left in, and whether it is present. A member of an earlier session is absent from the current one and
/// has not joined it yet, so a new session starts with empty sets whatever their size.
/// </summary>
public sealed record SessionMember(long Offset, int Session, bool Present) : StateValue(Offset);
