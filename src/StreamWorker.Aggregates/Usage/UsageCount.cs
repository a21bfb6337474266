namespace StreamWorker.Aggregates.Usage;

/// <summary>
/// One event counted in a company usage window, for the company stage: the window, what it counts, and where it was
/// read (events partition <paramref name="Source"/>, offset <paramref name="SourceOffset"/>), so that a count sent
/// again after a restart is recognised (each partition's counts reach a company partition in offset order).
/// </summary>
public sealed record UsageCount(
    long CompanyId,
    long WindowStartMs,
    UsageCounter Counter,
    long Bytes,
    long EventTimeMs,
    int Source = -1,
    long SourceOffset = -1) : CompanyChange(EventTimeMs);
