using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StreamWorker.EmbeddedKafka;
using StreamWorker.Events;
using StreamWorker.Gateway;
using StreamWorker.Gateway.OpenApi;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology;
using StreamWorker.Topology.Failure;

namespace StreamWorker.Hosting;

/// <summary>
/// Builds the StreamWorker web application for a role. <c>Program.cs</c> calls this; tests call it too,
/// with their own configuration, so they run exactly the production wiring.
/// </summary>
public static class StreamWorkerApplication
{
    public const string DefaultUrls = "http://0.0.0.0:8080";
    private const string ReadyTag = "ready";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json ships beside the binary: find it wherever the process is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var role = RoleParser.Parse(builder.Configuration[RoleParser.Key]);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        AddKafka(builder.Services);
        var health = builder.Services.AddHealthChecks();
        builder.AddStreamWorkerTelemetry();

        if (role.HasFlag(StreamWorkerRole.Gateway))
        {
            AddGateway(builder);
            health.AddCheck<KafkaProducerHealthCheck>("kafka-producer", tags: [ReadyTag]);
        }

        if (role.HasFlag(StreamWorkerRole.Processor))
        {
            AddProcessor(builder.Services);
            health.AddCheck<StreamThreadsHealthCheck>("stream-threads", tags: [ReadyTag]);
        }

        if (role == StreamWorkerRole.Broker && !string.IsNullOrWhiteSpace(builder.Configuration["Kafka:BootstrapServers"]))
        {
            throw new OptionsValidationException(
                RoleParser.Key,
                typeof(StreamWorkerRole),
                ["Role 'broker' runs the embedded development broker: leave Kafka:BootstrapServers empty."]);
        }

        var app = builder.Build();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) });
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (role.HasFlag(StreamWorkerRole.Gateway))
        {
            app.UseRateLimiter();
            app.MapPost("/webhooks", static (HttpContext context, WebhookEndpoint endpoint) => endpoint.HandleAsync(context))
                .RequireGatewayRateLimit()
                .DescribeWebhookEndpoint();
            app.MapOpenApi(GatewayOpenApi.Route);
        }

        // Resolve the infrastructure now: the embedded broker starts, secrets are checked and a generated
        // development token is shown before the first request, and a bad setting fails here, at start.
        _ = app.Services.GetRequiredService<KafkaConnection>();
        if (role.HasFlag(StreamWorkerRole.Gateway))
        {
            _ = app.Services.GetRequiredService<WebhookEndpoint>();
        }

        return app;
    }

    /// <summary>Runs until SIGTERM/Ctrl+C; a configuration error ends the process with code 2 and a message naming the key.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            await using var app = Create(args);
            // A processing failure stops the host gracefully; should that hang, the process still exits.
            var failure = app.Services.GetService<ProcessorFailure>();
            if (failure is not null) failure.HardExitAfter = TimeSpan.FromSeconds(15);
            await app.RunAsync();
            return failure is { HasFailed: true } ? ProcessorFailure.ExitCode : 0;
        }
        catch (Exception ex) when (ex is OptionsValidationException or EmbeddedKafkaException
                                       || (ex is InvalidOperationException && ex.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase)))
        {
            await Console.Error.WriteLineAsync("StreamWorker cannot start: " + ex.Message);
            return 2;
        }
    }

    private static void AddKafka(IServiceCollection services)
    {
        services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TopicOptions>().BindConfiguration(TopicOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddProcessorOptions();
        services.AddSingleton(sp => TopicPlan.For(
            sp.GetRequiredService<IOptions<TopicOptions>>().Value,
            ProcessorTopology.InternalTopics(sp.GetRequiredService<IOptions<ProcessorOptions>>().Value)));
        services.AddSingleton<KafkaConnection>();
    }

    private static void AddGateway(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton<GatewayTelemetry>();
        services.AddSingleton<GatewayCredentials>();
        services.AddSingleton(sp =>
        {
            var credentials = sp.GetRequiredService<GatewayCredentials>();
            return new WebhookIntake(
                new WebhookIntakeOptions
                {
                    PersonalData = credentials.PersonalData,
                    HashKey = credentials.HashKey,
                    MaxClockSkew = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxClockSkew,
                },
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<KafkaEventProducer>();
        services.AddSingleton<WebhookEndpoint>();
        services.AddGatewayRateLimiting();
        services.AddGatewayOpenApi();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            // The endpoint enforces Gateway:MaxBodyBytes itself (413 problem+json); this is only the outer bound.
            kestrel.Limits.MaxRequestBodySize = 17 * 1024 * 1024;
        });
    }

    private static void AddProcessor(IServiceCollection services)
    {
        services.AddSingleton(ProcessorTelemetry.Shared);
        services.AddStreamProcessor(
            sp => sp.GetRequiredService<KafkaConnection>().BootstrapServers,
            sp => sp.GetRequiredService<KafkaConnection>().ClientProperties);
        services.AddHostedService<ConsumerLagMonitor>();
    }

}
