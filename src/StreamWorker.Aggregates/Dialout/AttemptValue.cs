namespace StreamWorker.Aggregates.Dialout;

/// <summary>
/// The current dial-out attempt of one (conference, participant): the <paramref name="Sequence"/>-th, started in
/// the window at <paramref name="WindowStartMs"/> for <paramref name="CompanyId"/>; <paramref name="Version"/>
/// grows with every applied status.
/// </summary>
public sealed record AttemptValue(long Offset, int Sequence, long WindowStartMs, long CompanyId, DialoutOutcome Outcome, int Version) : StateValue(Offset);
