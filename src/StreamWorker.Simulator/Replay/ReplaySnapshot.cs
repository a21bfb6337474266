namespace StreamWorker.Simulator.Replay;

/// <summary>The counters of a replay at one moment. Status counts are per HTTP answer, retries included.</summary>
internal readonly record struct ReplaySnapshot(
    long Attempts,
    long Status2xx,
    long Status4xx,
    long Status5xx,
    long ConnectionErrors,
    long Retries,
    long Delivered,
    long Failed,
    long UnexpectedAcceptances)
{
    /// <summary>Deliveries that reached a final outcome, good or bad.</summary>
    public long Completed => Delivered + Failed;
}
