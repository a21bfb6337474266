using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using StreamWorker.Tests.Support;

namespace StreamWorker.Tests.Hosting;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, logs go to the collector as well (docs/configuration.md); never a token.</summary>
[Trait("Layer", "Integration")]
public sealed class OtlpLogExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_LogsReachTheCollector_WithoutTheSigningToken()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        await using var collector = await StartCollectorAsync(received);
        // After start, Urls holds the bound address (the port was 0).
        var endpoint = collector.Urls.First();
        await using (var instance = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }))
        {
            // The first post waits for readiness: before the producer has reached the broker it may answer 503.
            await instance.WaitUntilReadyAsync(TimeSpan.FromSeconds(40));
            using var accepted = await instance.PostAsync(WebhookSamples.Body("enter_conference", DateTimeOffset.UtcNow));
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }

        // Disposing the instance flushed its log batch. The embedded broker's start-up warning is among the records.
        var logs = received.Where(r => r.Path == "/v1/logs").Select(r => Encoding.UTF8.GetString(r.Body)).ToList();
        Assert.Contains(logs, body => body.Contains("EMBEDDED, IN-MEMORY Kafka broker", StringComparison.Ordinal));
        Assert.DoesNotContain(received, r => Encoding.UTF8.GetString(r.Body).Contains(StreamWorkerInstance.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAnOtlpEndpoint_NoLogExporterIsRegistered()
    {
        await using var instance = await StreamWorkerInstance.StartAsync();

        Assert.Empty(instance.Services.GetServices<ILoggerProvider>().OfType<OpenTelemetryLoggerProvider>());
    }

    /// <summary>An OTLP/HTTP receiver on 127.0.0.1 that keeps every request body.</summary>
    private static async Task<WebApplication> StartCollectorAsync(ConcurrentQueue<(string Path, byte[] Body)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path.Value!, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
        return collector;
    }
}
