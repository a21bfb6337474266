using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace StreamWorker.Telemetry;

/// <summary>
/// The one place that wires OpenTelemetry for every role: the StreamWorker meters and sources, ASP.NET Core,
/// runtime and process instrumentation, the Prometheus scrape endpoint, and OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddStreamWorkerTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
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
        _ = telemetry;
        return builder;
    }
}
