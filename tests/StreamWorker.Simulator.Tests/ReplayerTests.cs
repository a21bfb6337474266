using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using StreamWorker.Simulator.Generation;
using StreamWorker.Simulator.Replay;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Integration")]
[Collection(WebhookServerGroup.Name)]
public class ReplayerTests(WebhookTestServer server)
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    private static Delivery Valid(int n, long offsetMs = 0) => new(offsetMs, DeliveryKind.Original, "conference_start",
        $$"""{"event":"conference_start","payload":"{\"host_id\":1,\"company_id\":2,\"conference_id\":{{n}}}","timestamp":"2026-01-01T00:00:00.000Z"}""");

    private static Delivery Invalid(int n) => new(0, DeliveryKind.Invalid, "conference_start",
        $$"""{"event":"conference_start","payload":"{\"conference_id\":{{n}}}"}""");

    private ReplayOptions Options(int maxAttempts = 6, double rate = 0, ReplayPacing pacing = ReplayPacing.FixedRate) => new()
    {
        Url = server.Url,
        Token = "test-token",
        Concurrency = 4,
        MaxAttempts = maxAttempts,
        Rate = rate,
        Pacing = pacing,
        MaxRetryWait = TimeSpan.FromSeconds(5),
    };

    private static async Task<ReplaySnapshot> ReplayAsync(ReplayOptions options, IEnumerable<Delivery> deliveries)
    {
        var stats = new ReplayStats();
        using var replayer = new Replayer(options, stats, TimeProvider.System);
        using var timeout = new CancellationTokenSource(TestTimeout);
        await replayer.RunAsync(deliveries, timeout.Token);
        return stats.Snapshot();
    }

    [Fact]
    public async Task Replay_MixedAnswers_CountsEachStatusAndEveryDeliveryAsExpected()
    {
        server.AnswerWith((request, _) => request.Body.Contains("timestamp", StringComparison.Ordinal)
            ? Results.Json(new Dictionary<string, string> { ["event_id"] = "x" }, statusCode: 202)
            : Results.Problem(statusCode: 400));
        var deliveries = Enumerable.Range(1, 10).Select(n => Valid(n)).Concat(Enumerable.Range(1, 3).Select(Invalid)).ToList();

        var result = await ReplayAsync(Options(), deliveries);

        Assert.Equal(10, result.Status2xx);
        Assert.Equal(3, result.Status4xx);
        Assert.Equal(13, result.Delivered);
        Assert.Equal(0, result.Failed);
        Assert.Equal(13, server.Received.Count);
        Assert.All(server.Received, r => Assert.Equal("test-token", r.Token));
        Assert.All(server.Received, r => Assert.StartsWith("application/json", r.ContentType, StringComparison.Ordinal));
        Assert.Equal(deliveries.Select(d => d.Body).Order(), server.Received.Select(r => r.Body).Order());
    }

    [Fact]
    public async Task Replay_RefusedValidDelivery_CountsAsFailed()
    {
        server.AnswerWith((_, _) => Results.StatusCode(401));

        var result = await ReplayAsync(Options(), [Valid(1), Valid(2)]);

        Assert.Equal(2, result.Failed);
        Assert.Equal(2, result.Attempts); // 4xx is final: no retry
    }

    [Fact]
    public async Task Replay_503WithRetryAfter_RetriesAfterTheAskedWaitAndDelivers()
    {
        server.AnswerWith((_, seenBefore) => seenBefore == 0 ? new RetryAfterResult(503, "1") : Results.StatusCode(202));
        var stopwatch = Stopwatch.StartNew();

        var result = await ReplayAsync(Options(), [Valid(1), Valid(2)]);

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {stopwatch.Elapsed}, before Retry-After: 1");
        Assert.Equal(2, result.Status5xx);
        Assert.Equal(2, result.Retries);
        Assert.Equal(2, result.Status2xx);
        Assert.Equal(2, result.Delivered);
        Assert.Equal(0, result.Failed);
    }

    [Fact]
    public async Task Replay_Persistent503_GivesUpAfterMaxAttempts()
    {
        server.AnswerWith((_, _) => new RetryAfterResult(503, "0"));

        var result = await ReplayAsync(Options(maxAttempts: 3), [Valid(1)]);

        Assert.Equal(3, result.Attempts);
        Assert.Equal(2, result.Retries);
        Assert.Equal(1, result.Failed);
    }

    [Fact]
    public async Task Replay_NobodyListening_CountsConnectionErrorsAndFails()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await ReplayAsync(Options(maxAttempts: 2) with { Url = new Uri($"http://127.0.0.1:{port}/webhooks") }, [Valid(1)]);

        Assert.Equal(2, result.ConnectionErrors);
        Assert.Equal(1, result.Failed);
    }

    [Fact]
    public async Task Replay_WithRate_SendsNoFasterThanAsked()
    {
        server.AnswerWith((_, _) => Results.StatusCode(202));
        var stopwatch = Stopwatch.StartNew();

        var result = await ReplayAsync(Options(rate: 50), Enumerable.Range(1, 21).Select(n => Valid(n)));

        Assert.Equal(21, result.Delivered);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(380), $"21 deliveries at 50/s took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Replay_RealTimePacing_SendsEachDeliveryAtItsOffset()
    {
        server.AnswerWith((_, _) => Results.StatusCode(202));
        var stopwatch = Stopwatch.StartNew();

        var result = await ReplayAsync(Options(pacing: ReplayPacing.RealTime), [Valid(1, 0), Valid(2, 600)]);

        Assert.Equal(2, result.Delivered);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(550), $"the second delivery was due at 600 ms, all done after {stopwatch.Elapsed}");
    }

    /// <summary>A status code with a Retry-After header, as the gateway sends on broker trouble.</summary>
    private sealed class RetryAfterResult(int status, string retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.RetryAfter = retryAfter;
            return Task.CompletedTask;
        }
    }
}
