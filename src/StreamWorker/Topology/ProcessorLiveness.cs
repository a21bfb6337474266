using StreamWorker.Telemetry;
using StreamWorker.Topology.Failure;

namespace StreamWorker.Topology;

/// <summary>
/// Whether this instance consumes what it owns: its stream threads are RUNNING, it holds at least one task, and no
/// thread was fenced out of the consumer group since its tasks were last assigned. Readiness requires it; when it
/// stays false for <c>Processor:StallTimeout</c> the instance stops (<see cref="ProcessorFailure"/>, exit code 3), so
/// that Kubernetes replaces it instead of leaving partitions unread behind a ready pod. The restart reads again
/// from the last commit.
/// </summary>
public sealed class ProcessorLiveness(ProcessorTelemetry telemetry, TimeProvider time)
{
    // By stage and task: Streamiz closes a revoked task's processors twice (suspend, then close), so a count would drift.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> tasks = new(StringComparer.Ordinal);
    private volatile bool fenced;
    private long notConsumingSince = time.GetTimestamp();
    private bool wasConsuming;

    /// <summary>A stage's task was initialised (its partition assigned to this instance).</summary>
    public void TaskStarted(string stage, string task)
    {
        tasks[stage + "/" + task] = 0;
        fenced = false;
    }

    /// <summary>A stage's task was closed (revoked, lost, or shut down); closing it again changes nothing.</summary>
    public void TaskClosed(string stage, string task) => tasks.TryRemove(stage + "/" + task, out _);

    /// <summary>A stream thread found itself fenced out of the group: it has dropped its tasks and must rejoin.</summary>
    public void Fenced()
    {
        fenced = true;
        telemetry.ThreadFenced();
    }

    /// <summary>Why the instance is not consuming what it owns, or null when it is.</summary>
    public string? StallReason(string? streamState)
    {
        if (streamState != "RUNNING") return $"stream state {streamState ?? "NOT STARTED"}";
        if (fenced) return "a stream thread was fenced out of the consumer group and has not been assigned partitions again";
        return tasks.IsEmpty ? "no partition assigned" : null;
    }

    /// <summary>
    /// Looks at the instance now: returns how long it has not been consuming (zero while it is), and keeps the
    /// <c>streamworker.processor.consuming</c> gauge up to date. Called by one watcher only.
    /// </summary>
    public TimeSpan Check(string? streamState)
    {
        var consuming = StallReason(streamState) is null;
        if (consuming != wasConsuming)
        {
            wasConsuming = consuming;
            telemetry.ConsumingChanged(consuming);
            if (!consuming) notConsumingSince = time.GetTimestamp();
        }

        return consuming ? TimeSpan.Zero : time.GetElapsedTime(notConsumingSince);
    }
}
