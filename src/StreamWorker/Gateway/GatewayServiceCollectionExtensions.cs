using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using StreamWorker.Events;
using StreamWorker.Gateway.OpenApi;
using StreamWorker.Telemetry;

namespace StreamWorker.Gateway;

/// <summary>
/// Registers the gateway role: its settings (validated at start), secrets, the webhook intake, the producer, the
/// endpoint, the rate limiter, the OpenAPI document and Kestrel's limits. Needs <c>AddKafka</c>; mapped by
/// <see cref="GatewayEndpoints.MapGateway"/>.
/// </summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddMetrics();
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
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            // The endpoint enforces Gateway:MaxBodyBytes itself (413 problem+json); this is only the outer bound.
            kestrel.Limits.MaxRequestBodySize = 17 * 1024 * 1024;
        });
        return services;
    }
}
