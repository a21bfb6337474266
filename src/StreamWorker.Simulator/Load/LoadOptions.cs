namespace StreamWorker.Simulator.Load;

/// <summary>A load run: closed loop with <see cref="Concurrency"/> workers, or a fixed arrival rate when <see cref="Rate"/> is set.</summary>
internal sealed record LoadOptions
{
    public required Uri Url { get; init; }

    public required string Token { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Sent but not measured: connection set-up, the broker's first batches, and tiered JIT compilation in both
    /// processes, which on 2 cores adds tens of milliseconds to p99 for the first few seconds.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    public int Concurrency { get; init; } = 32;

    /// <summary>Requests per second for an open-loop (fixed-rate) run; null for a closed loop.</summary>
    public double? Rate { get; init; }
}
