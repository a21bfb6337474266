namespace StreamWorker.Aggregates.Sessions;

/// <summary>The session a dial-out attempt (by its sequence, as the dial-out aggregate numbers them) started in.</summary>
public sealed record SessionAttempt(long Offset, int Attempt, int Session) : StateValue(Offset);
