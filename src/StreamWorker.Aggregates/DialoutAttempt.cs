namespace StreamWorker.Aggregates;

/// <summary>
/// The current dial-out attempt of one (conference, participant): the <paramref name="Sequence"/>-th attempt,
/// started in the window at <paramref name="WindowStartMs"/> for <paramref name="CompanyId"/>.
/// </summary>
public sealed record DialoutAttempt(int Sequence, long WindowStartMs, long CompanyId, DialoutOutcome Outcome, int Version);
