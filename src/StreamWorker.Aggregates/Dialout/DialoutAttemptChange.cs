namespace StreamWorker.Aggregates;

/// <summary>
/// What the conference stage tells the company stage about one attempt: its window, its current outcome,
/// and a version that grows with every applied event of the attempt, so a replayed or stale change is ignored.
/// </summary>
public sealed record DialoutAttemptChange(
    long CompanyId,
    long WindowStartMs,
    string AttemptKey,
    DialoutOutcome Outcome,
    int Version,
    long EventTimeMs);
