using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamWorker.Topology;

namespace StreamWorker.Hosting;

/// <summary>Processor readiness (docs/http-api.md, docs/operations.md): the stream threads are RUNNING.</summary>
public sealed class StreamThreadsHealthCheck(ProcessorService processor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(processor.IsRunning
            ? HealthCheckResult.Healthy("stream threads RUNNING")
            : HealthCheckResult.Unhealthy("stream state " + (processor.CurrentState ?? "NOT STARTED")));
}
