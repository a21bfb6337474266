namespace StreamWorker.Hosting;

/// <summary>Which components this process runs (the <c>Role</c> key), as Loki's or Mimir's <c>-target</c>.</summary>
[Flags]
public enum StreamWorkerRole
{
    Gateway = 1,
    Processor = 2,
    All = Gateway | Processor,

    /// <summary>Only the embedded development broker, so other processes (tests, benchmarks) can use and outlive it.</summary>
    Broker = 4,
}
