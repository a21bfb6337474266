namespace StreamWorker.Simulator.Replay;

/// <summary>When each delivery is sent.</summary>
internal enum ReplayPacing
{
    /// <summary>At a fixed number of deliveries per second, or as fast as possible when the rate is 0.</summary>
    FixedRate,

    /// <summary>At each delivery's send offset after the start: timestamps and wall clock advance together.</summary>
    RealTime,
}
