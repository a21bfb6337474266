using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamWorker.Gateway;

namespace StreamWorker.Tests.Gateway;

[Trait("Layer", "Integration")]
public sealed class DevelopmentTokenTests
{
    [Fact]
    public async Task EmbeddedBrokerWithoutToken_GeneratesOneThatIsAccepted()
    {
        await using var sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:SigningTokens:0"] = null });
        var generated = sw.Services.GetRequiredService<GatewayCredentials>().GeneratedToken;

        // Before the producer reaches the broker the gateway rightly answers 503; the token is what is tested here.
        await sw.WaitUntilReadyAsync(TimeSpan.FromSeconds(40));

        Assert.False(string.IsNullOrEmpty(generated));
        using var withGenerated = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow), generated);
        using var withOther = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow), StreamWorkerInstance.Token);
        Assert.Equal(HttpStatusCode.Accepted, withGenerated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOther.StatusCode);
    }
}
