using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamWorker.Events;

namespace StreamWorker.Tests.Reliability;

/// <summary>Gateway:RateLimit: a token bucket per client address on POST /webhooks only; 429 with Retry-After.</summary>
public sealed class RateLimitingTests : ReliabilityTest
{
    private const int PermitsPerSecond = 5;
    private const int Burst = 10;
    private const int Requests = 40;

    [Fact]
    public async Task Post_FasterThanTheLimit_Gets429WithRetryAfterAndProblemJson_CountedAsRateLimited()
    {
        await using var sw = await StartLimitedAsync();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? firstRejection = null;
        for (var i = 0; i < Requests; i++)
        {
            var response = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && firstRejection is null)
            {
                firstRejection = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using (firstRejection)
        {
            Assert.NotNull(firstRejection);
            Assert.True(firstRejection.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in whole seconds");
            Assert.Equal("application/problem+json", firstRejection.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses.Distinct().Order());
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Accepted), Burst, Burst + (PermitsPerSecond * 5));
        Assert.True(await MetricsEventuallyContainAsync(sw, "reason=\"rate_limited\""), "streamworker.gateway.rejections{reason=rate_limited}");
    }

    [Fact]
    public async Task Limit_IsPerClientAddress_AndLeavesHealthAndMetricsEndpointsAlone()
    {
        await using var sw = await StartLimitedAsync();
        for (var i = 0; i < Burst + 5; i++)
        {
            using var _ = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
        }

        using (var exhausted = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, exhausted.StatusCode);
        }

        // Another loopback source address is another client; the server still listens on 127.0.0.1 only.
        using var otherClient = ClientFrom(IPAddress.Parse("127.0.0.2"), sw.BaseAddress);
        using (var other = await otherClient.SendAsync(Post(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow))))
        {
            Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        }

        for (var i = 0; i < Burst * 2; i++)
        {
            using var health = await sw.Http.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    public async Task DefaultSettings_RateLimitIsOff()
    {
        await using var sw = await StreamWorkerInstance.StartAsync();
        var limits = sw.Services.GetRequiredService<IOptions<StreamWorker.Gateway.GatewayRateLimitOptions>>().Value;
        Assert.False(limits.Enabled);

        for (var i = 0; i < 200; i++)
        {
            using var response = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    [Fact]
    public async Task NegativePermits_StopTheStartWithAMessageNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StreamWorkerInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:RateLimit:PermitsPerSecond"] = "-1" }));
        Assert.Contains("Gateway:RateLimit:PermitsPerSecond", error.Message, StringComparison.Ordinal);
    }

    private static Task<StreamWorkerInstance> StartLimitedAsync() => StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
    {
        ["Gateway:RateLimit:PermitsPerSecond"] = PermitsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimit:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    private static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.SigningToken, StreamWorkerInstance.Token);
        return request;
    }

    private static HttpClient ClientFrom(IPAddress source, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async Task<bool> MetricsEventuallyContainAsync(StreamWorkerInstance sw, string text)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var metrics = await sw.Http.GetStringAsync("/metrics");
            if (metrics.Split('\n').Any(l => l.StartsWith("streamworker_gateway_rejections", StringComparison.Ordinal) && l.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
