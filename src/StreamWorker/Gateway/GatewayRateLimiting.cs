using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using StreamWorker.Telemetry;

namespace StreamWorker.Gateway;

/// <summary>
/// The gateway's rate limiter (ASP.NET Core rate limiting): a token bucket per client address, applied only to
/// <c>POST /webhooks</c>. A rejection is 429 problem+json with <c>Retry-After</c>, counted as <c>rate_limited</c>.
/// </summary>
public static class GatewayRateLimiting
{
    public const string PolicyName = "webhooks-per-client";

    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<GatewayRateLimitOptions>().BindConfiguration(GatewayRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<GatewayRateLimitOptions>>((limiter, limits) =>
        {
            var settings = limits.Value;
            limiter.AddPolicy(PolicyName, context => Partition(context, settings));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>Applies the policy to an endpoint (<c>POST /webhooks</c>); the limiter middleware must be in the pipeline.</summary>
    public static TBuilder RequireGatewayRateLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(PolicyName);

    private static RateLimitPartition<string> Partition(HttpContext context, GatewayRateLimitOptions settings)
    {
        if (!settings.Enabled)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        // The connection's address: behind a proxy this is the proxy unless forwarded headers are configured.
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.EffectiveBurst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<GatewayTelemetry>().Rejected("rate_limited");
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await Problems.Write(context, StatusCodes.Status429TooManyRequests, "Too many requests", "This client sent more webhooks than the gateway accepts per second; retry after the given delay.");
    }
}
