namespace StreamWorker.Topology.Failure;

/// <summary>
/// The processor's one way to stop when it cannot go on without losing records: a record that cannot be written,
/// a stream thread that died. It marks the processor not ready at once, logs one error naming what failed (the
/// topic and the broker's reason, never a record's content), and stops the host with <see cref="ExitCode"/>, so
/// that Kubernetes restarts it and the restart replays from the last commit.
/// </summary>
public sealed partial class ProcessorFailure(IHostApplicationLifetime lifetime, ILogger<ProcessorFailure> logger)
{
    /// <summary>The process exit code after a processing failure (2 is a configuration error).</summary>
    public const int ExitCode = 3;

    private string? reason;

    /// <summary>When set, the process exits this long after a failure even if the graceful shutdown hangs.</summary>
    public TimeSpan? HardExitAfter { get; set; }

    public bool HasFailed => Volatile.Read(ref reason) is not null;

    public string? Reason => Volatile.Read(ref reason);

    /// <summary>Records the first failure and stops the host; later calls only count as the same failure.</summary>
    public void Fail(string what)
    {
        if (Interlocked.CompareExchange(ref reason, what, null) is not null) return;
        LogFailed(what, ExitCode);
        Environment.ExitCode = ExitCode;
        lifetime.StopApplication();
        if (HardExitAfter is { } grace)
        {
            _ = Task.Delay(grace).ContinueWith(_ => Environment.Exit(ExitCode), TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Processor stopping: {Reason}. Nothing after the last commit is lost: the restart reads it again. Exit code {ExitCode}")]
    private partial void LogFailed(string reason, int exitCode);
}
