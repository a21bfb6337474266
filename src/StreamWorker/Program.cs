using StreamWorker.Gateway;
using StreamWorker.Hosting;
using StreamWorker.Hosting.Health;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology;

namespace StreamWorker;

/// <summary>
/// The StreamWorker process, wired in the order data flows: webhooks reach the gateway, which writes them to Kafka;
/// the processor reads them and writes aggregates. The <c>Role</c> key selects the parts. Tests call
/// <see cref="Create"/> with their own configuration, so they run exactly this wiring.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => StreamWorkerApplication.RunAsync(() => Create(args));

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = StreamWorkerApplication.CreateBuilder(args, configure);
        var role = RoleParser.Read(builder.Configuration);
        var gateway = role.HasFlag(StreamWorkerRole.Gateway);
        var processor = role.HasFlag(StreamWorkerRole.Processor);

        builder.AddStreamWorkerTelemetry();
        builder.Services.AddKafka();
        builder.Services.AddProcessorTopics();
        if (gateway) builder.Services.AddGateway();
        if (processor) builder.Services.AddStreamProcessor();
        builder.Services.AddStreamWorkerHealth(role);

        var app = builder.Build();
        app.MapStreamWorkerHealth();
        app.MapStreamWorkerMetrics();
        if (gateway) app.MapGateway();
        return app.ResolveAtStart();
    }
}
