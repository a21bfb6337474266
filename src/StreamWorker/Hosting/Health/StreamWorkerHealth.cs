using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace StreamWorker.Hosting.Health;

/// <summary>
/// Liveness and readiness (docs/operations.md): <c>/healthz</c> answers while the process serves HTTP; <c>/readyz</c>
/// runs the checks of the parts this role runs (the gateway's producer, the processor's stream threads).
/// </summary>
public static class StreamWorkerHealth
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddStreamWorkerHealth(this IServiceCollection services, StreamWorkerRole role)
    {
        var health = services.AddHealthChecks();
        if (role.HasFlag(StreamWorkerRole.Gateway))
        {
            health.AddCheck<KafkaProducerHealthCheck>("kafka-producer", tags: [ReadyTag]);
        }

        if (role.HasFlag(StreamWorkerRole.Processor))
        {
            health.AddCheck<StreamThreadsHealthCheck>("stream-threads", tags: [ReadyTag]);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapStreamWorkerHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        return app;
    }
}
