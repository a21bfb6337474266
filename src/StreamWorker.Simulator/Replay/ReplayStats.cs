namespace StreamWorker.Simulator.Replay;

/// <summary>Thread-safe counters of a replay, read by the progress printer and the live view while it runs.</summary>
internal sealed class ReplayStats
{
    private long _attempts;
    private long _status2xx;
    private long _status4xx;
    private long _status5xx;
    private long _connectionErrors;
    private long _retries;
    private long _delivered;
    private long _failed;
    private long _unexpectedAcceptances;

    public void CountAttempt() => Interlocked.Increment(ref _attempts);

    public void CountStatus(int status)
    {
        switch (status / 100)
        {
            case 2: Interlocked.Increment(ref _status2xx); break;
            case 4: Interlocked.Increment(ref _status4xx); break;
            case 5: Interlocked.Increment(ref _status5xx); break;
            default: break;
        }
    }

    public void CountConnectionError() => Interlocked.Increment(ref _connectionErrors);

    public void CountRetry() => Interlocked.Increment(ref _retries);

    /// <summary>A delivery ended as it should: accepted, or refused when it was meant to be invalid.</summary>
    public void CountDelivered() => Interlocked.Increment(ref _delivered);

    public void CountFailed() => Interlocked.Increment(ref _failed);

    /// <summary>A deliberately invalid request was accepted: the gateway let something through it should refuse.</summary>
    public void CountUnexpectedAcceptance() => Interlocked.Increment(ref _unexpectedAcceptances);

    public ReplaySnapshot Snapshot() => new(
        Interlocked.Read(ref _attempts),
        Interlocked.Read(ref _status2xx),
        Interlocked.Read(ref _status4xx),
        Interlocked.Read(ref _status5xx),
        Interlocked.Read(ref _connectionErrors),
        Interlocked.Read(ref _retries),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _failed),
        Interlocked.Read(ref _unexpectedAcceptances));
}
