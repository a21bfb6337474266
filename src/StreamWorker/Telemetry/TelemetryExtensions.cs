using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace StreamWorker.Telemetry;

/// <summary>
/// The one place that wires OpenTelemetry for every role: the StreamWorker meters and sources, ASP.NET Core,
/// runtime and process instrumentation, the Prometheus scrape endpoint, and, when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, OTLP export of metrics, traces and logs.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddStreamWorkerTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(GatewayTelemetry.Name, ProcessorTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(GatewayTelemetry.Name, ProcessorTelemetry.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = ctx => ctx.Request.Path.StartsWithSegments("/webhooks", StringComparison.Ordinal));
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            // The same log records as the console, so the same rule holds: no token, hash key or personal data
            // is ever logged (the generated development token, embedded broker only, is the one exception).
            telemetry.WithLogging(logging => logging.AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>Maps <c>GET /metrics</c>, the Prometheus scrape endpoint.</summary>
    public static IEndpointRouteBuilder MapStreamWorkerMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
