namespace StreamWorker.Events;

/// <summary>
/// HTTP header names of the webhook request (docs/http-api.md), here so the gateway, the simulator and the tests
/// (which cannot all reference the gateway) share one spelling.
/// </summary>
public static class WebhookHeaders
{
    /// <summary>The shared secret the platform sends with every delivery; exactly one value is accepted.</summary>
    public const string SigningToken = "x-signing-token";
}
