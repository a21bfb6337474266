namespace StreamWorker.Aggregates;

/// <summary>
/// What the conference stage tells the company stage about one attempt: its window, its current outcome,
/// and a version that grows with every applied event of the attempt, so a replayed or stale change is ignored.
/// <paramref name="Source"/> is the events partition that sent it. With <paramref name="ClosesWindow"/> it is a
/// notice instead: that partition's stream time has closed the company's window (no attempt, outcome or version).
/// </summary>
public sealed record DialoutAttemptChange(
    long CompanyId,
    long WindowStartMs,
    string AttemptKey,
    DialoutOutcome Outcome,
    int Version,
    long EventTimeMs,
    int Source = 0,
    bool ClosesWindow = false);
