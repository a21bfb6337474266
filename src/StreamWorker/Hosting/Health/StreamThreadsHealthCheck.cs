using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamWorker.Topology;

namespace StreamWorker.Hosting.Health;

/// <summary>Processor readiness (docs/operations.md): the stream threads are RUNNING and no record has failed to be written.</summary>
public sealed class StreamThreadsHealthCheck(ProcessorService processor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(processor.IsRunning
            ? HealthCheckResult.Healthy("stream threads RUNNING")
            : HealthCheckResult.Unhealthy(processor.FailureReason ?? "stream state " + (processor.CurrentState ?? "NOT STARTED")));
}
