using StreamWorker.Gateway.OpenApi;

namespace StreamWorker.Gateway;

/// <summary>Maps the gateway's HTTP surface: <c>POST /webhooks</c> behind the rate limiter, and its OpenAPI document.</summary>
public static class GatewayEndpoints
{
    public static WebApplication MapGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        app.MapPost("/webhooks", static (HttpContext context, WebhookEndpoint endpoint) => endpoint.HandleAsync(context))
            .RequireGatewayRateLimit()
            .DescribeWebhookEndpoint();
        app.MapOpenApi(GatewayOpenApi.Route);
        return app;
    }
}
