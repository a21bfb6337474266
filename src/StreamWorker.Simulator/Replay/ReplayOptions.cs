namespace StreamWorker.Simulator.Replay;

/// <summary>Where and how to send deliveries.</summary>
internal sealed record ReplayOptions
{
    public required Uri Url { get; init; }

    public required string Token { get; init; }

    /// <summary>Deliveries per second with <see cref="ReplayPacing.FixedRate"/>; 0 sends as fast as the concurrency allows.</summary>
    public double Rate { get; init; }

    public ReplayPacing Pacing { get; init; } = ReplayPacing.FixedRate;

    public int Concurrency { get; init; } = 16;

    /// <summary>Attempts per delivery, the first included, for 429/502/503/504 answers and connection errors.</summary>
    public int MaxAttempts { get; init; } = 6;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound of one wait between attempts, whatever Retry-After asks for.</summary>
    public TimeSpan MaxRetryWait { get; init; } = TimeSpan.FromSeconds(10);
}
