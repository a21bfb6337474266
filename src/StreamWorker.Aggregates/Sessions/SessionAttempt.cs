namespace StreamWorker.Aggregates.Sessions;

/// <summary>
/// A dial-out attempt (by its sequence, as the dial-out aggregate numbers them) started in a session: the session open
/// when it was written (at or after the session's <see cref="SessionState.StartOffset"/>).
/// </summary>
public sealed record SessionAttempt(long Offset, int Attempt) : StateValue(Offset);
