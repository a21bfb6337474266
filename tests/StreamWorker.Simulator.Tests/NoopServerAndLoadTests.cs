using System.Net;
using System.Text;
using StreamWorker.Simulator.Load;
using StreamWorker.Simulator.Noop;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Integration")]
public class NoopServerAndLoadTests : IAsyncLifetime
{
    private readonly Microsoft.AspNetCore.Builder.WebApplication _noop = NoopServer.Build("http://127.0.0.1:0");

    private Uri Url => new(new Uri(_noop.Urls.First()), "/webhooks");

    public Task InitializeAsync() => _noop.StartAsync();

    public async Task DisposeAsync() => await _noop.DisposeAsync();

    [Fact]
    public async Task NoopServer_PostedWebhook_Answers202()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var content = new StringContent(new string('x', 50_000), Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(Url, content);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("event_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ClosedLoopAgainstNoop_ReportsThroughputAndOrderedPercentiles()
    {
        var options = new LoadOptions { Url = Url, Token = "t", Duration = TimeSpan.FromSeconds(1), Warmup = TimeSpan.Zero, Concurrency = 4 };

        var result = await new LoadGenerator(options, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal("closed", result.Mode);
        // Throughput itself depends on the machine (other tests run in parallel); the report must be consistent.
        Assert.True(result.Ok > 0, $"no request answered: {result}");
        var expectedRate = result.Ok / result.DurationS;
        Assert.InRange(result.RequestsPerS, (expectedRate * 0.99) - 0.1, (expectedRate * 1.01) + 0.1);
        Assert.True(result.Non2xx + result.Errors == 0, $"failed requests: {result}");
        Assert.True(result.P50Ms > 0 && result.P50Ms <= result.P99Ms && result.P99Ms <= result.P999Ms && result.P999Ms <= result.MaxMs, $"percentiles out of order: {result}");
    }

    [Fact]
    public async Task Load_FixedRate_SendsAboutTheAskedRate()
    {
        var options = new LoadOptions { Url = Url, Token = "t", Duration = TimeSpan.FromSeconds(1), Warmup = TimeSpan.FromMilliseconds(200), Concurrency = 4, Rate = 200 };

        var result = await new LoadGenerator(options, TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.Equal("fixed_rate", result.Mode);
        Assert.InRange(result.Ok, 150, 250);
        Assert.InRange(result.RequestsPerS, 150, 250);
    }
}
