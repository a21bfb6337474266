namespace StreamWorker.Aggregates.Dialout;

/// <summary>
/// What the conference stage tells the company stage, on the repartition topic. Either an attempt change: the
/// attempt's window, its current outcome, and a version that grows with every applied event of the attempt, so a
/// replayed or stale change is ignored. Or a progress record (<see cref="IsProgress"/>): events partition
/// <paramref name="Source"/>, one of <paramref name="Sources"/>, has read up to stream time
/// <paramref name="EventTimeMs"/>; it is sent to every partition of the repartition topic (<paramref name="Target"/>),
/// after every change that partition sent before it, so the company stage knows how far each events partition has come.
/// </summary>
public sealed record DialoutAttemptChange(
    long CompanyId,
    long WindowStartMs,
    string AttemptKey,
    DialoutOutcome Outcome,
    int Version,
    long EventTimeMs,
    int Source = 0,
    int Sources = 0,
    int Target = 0) : CompanyChange(EventTimeMs)
{
    /// <summary>A progress record rather than an attempt change.</summary>
    public bool IsProgress => Sources > 0;

    /// <summary>Events partition <paramref name="source"/> of <paramref name="sources"/> has read up to <paramref name="streamTimeMs"/>; for repartition partition <paramref name="target"/>.</summary>
    public static DialoutAttemptChange Progress(int source, int sources, int target, long streamTimeMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sources);
        return new DialoutAttemptChange(0, 0, "", DialoutOutcome.Pending, 0, streamTimeMs, source, sources, target);
    }
}
