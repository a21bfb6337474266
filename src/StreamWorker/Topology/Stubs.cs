using Microsoft.Extensions.Diagnostics.HealthChecks;
namespace StreamWorker.Topology
{
    public sealed class ProcessorOptions { public const string SectionName = "Processor"; public string StateDirectory {get;set;} = "/tmp"; }
    public static class ProcessorTopology { public static IReadOnlyList<string> InternalTopics(ProcessorOptions o) => []; }
    public sealed class ProcessorService : BackgroundService { protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask; }
}
namespace StreamWorker.Telemetry { public sealed class ProcessorTelemetry { public const string Name = "StreamWorker.Processor"; } }
namespace StreamWorker.Hosting { public sealed class StreamThreadsHealthCheck : IHealthCheck { public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Task.FromResult(HealthCheckResult.Healthy()); } }
