using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamWorker.Events;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// Hostile input: a deterministic fuzz of bodies and headers never gets a 5xx, and the gateway stays healthy
/// with bounded memory; Kestrel's header limits and slow-client timeouts are in force.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : ReliabilityTest
{
    private const int Seed = 20261127;
    private const int FuzzBodies = 10_000;
    private const long ManagedGrowthLimit = 64L * Mib;
    private const long SecondHalfWorkingSetGrowthLimit = 128L * Mib;
    private const long Mib = 1024 * 1024;

    private static readonly HttpStatusCode[] ExpectedStatuses =
    [
        HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.RequestEntityTooLarge,
        HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity,
    ];

    private static readonly string?[] HostileContentTypes =
        [null, "text/plain", "application/xml", "application/json; charset=utf-16", "application/cloudevents+json", "application/json;;;", "/", "*/*", "multipart/form-data; boundary=x"];

    [Fact]
    public async Task Post_TenThousandHostileBodies_NoServerError_StaysHealthy_MemoryBounded()
    {
        await using var sw = await StreamWorkerInstance.StartAsync();
        var random = new Random(Seed);
        var bodies = new HostileBodies(Seed);
        await PostAllAsync(sw, new HostileBodies(Seed + 1).Take(500), new Random(Seed + 1)); // warm-up: pools, JIT, connections
        var start = Memory();

        // Two halves: memory may settle during the first, but must not keep growing in the second.
        var results = await PostAllAsync(sw, bodies.Take(FuzzBodies / 2), random);
        var half = Memory();
        results.AddRange(await PostAllAsync(sw, bodies.Take(FuzzBodies / 2), random));
        var end = Memory();

        foreach (var kind in results.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{kind.Key}: " + string.Join(", ", kind.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}x{g.Count()}")));
        }

        output.WriteLine("all: " + string.Join(", ", results.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{(int)g.Key}x{g.Count()}")));
        output.WriteLine($"managed MiB {start.Managed / Mib} -> {half.Managed / Mib} -> {end.Managed / Mib}; working set MiB {start.WorkingSet / Mib} -> {half.WorkingSet / Mib} -> {end.WorkingSet / Mib}");
        Assert.Equal(FuzzBodies, results.Count);
        Assert.DoesNotContain(results, r => (int)r.Status >= 500);
        Assert.All(results, r => Assert.Contains(r.Status, ExpectedStatuses));
        Assert.Contains(results, r => r.Status == HttpStatusCode.Accepted); // the valid share still gets through
        Assert.True(end.Managed - start.Managed < ManagedGrowthLimit, $"managed heap grew by {(end.Managed - start.Managed) / Mib} MiB");
        Assert.True(end.WorkingSet - half.WorkingSet < SecondHalfWorkingSetGrowthLimit, $"working set still grew by {(end.WorkingSet - half.WorkingSet) / Mib} MiB in the second half");
        await AssertHealthyAsync(sw);
    }

    [Fact]
    public async Task Post_HostileHeaders_AreRejectedWithoutServerError()
    {
        await using var sw = await StreamWorkerInstance.StartAsync();
        var body = WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(sw, body, _ => { }));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(sw, body, h => h.TryAddWithoutValidation(WebhookHeaders.SigningToken, [StreamWorkerInstance.Token, StreamWorkerInstance.Token])));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(sw, body, h => h.TryAddWithoutValidation(WebhookHeaders.SigningToken, new string('t', 16 * 1024))));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, await SendAsync(sw, body, h =>
        {
            h.TryAddWithoutValidation(WebhookHeaders.SigningToken, StreamWorkerInstance.Token);
            h.TryAddWithoutValidation("x-padding", new string('p', 40 * 1024));
        }));
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, await SendAsync(sw, body, h =>
        {
            h.TryAddWithoutValidation(WebhookHeaders.SigningToken, StreamWorkerInstance.Token);
            for (var i = 0; i < 200; i++)
            {
                h.TryAddWithoutValidation("x-header-" + i, "v");
            }
        }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await sw.PostAsync(body, contentType: "text/plain")).StatusCode);
        await AssertHealthyAsync(sw);
    }

    [Fact]
    public async Task Kestrel_HasHeaderBodyAndSlowClientLimits()
    {
        await using var sw = await StreamWorkerInstance.StartAsync();
        var limits = sw.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.True(limits.RequestHeadersTimeout <= TimeSpan.FromSeconds(30));
        Assert.NotNull(limits.MinRequestBodyDataRate);
        Assert.True(limits.MinRequestBodyDataRate.BytesPerSecond >= 100 && limits.MinRequestBodyDataRate.GracePeriod <= TimeSpan.FromSeconds(10));
        Assert.NotNull(limits.MinResponseDataRate);
        Assert.NotNull(limits.MaxRequestBodySize);
        Assert.True(limits.MaxRequestHeadersTotalSize <= 64 * 1024);
        Assert.True(limits.MaxRequestHeaderCount <= 100);
    }

    [Fact]
    public async Task SlowClients_AreDisconnected_ByTheHeaderTimeoutAndTheMinimumBodyRate()
    {
        await using var sw = await StreamWorkerInstance.StartAsync();
        var limits = sw.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var bound = limits.RequestHeadersTimeout + TimeSpan.FromSeconds(8);

        var slowHeaders = TimeToDisconnectAsync(sw.BaseAddress, $"POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\n{WebhookHeaders.SigningToken}: ", trickle: false, bound);
        var slowBody = TimeToDisconnectAsync(
            sw.BaseAddress,
            $"POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\n{WebhookHeaders.SigningToken}: {StreamWorkerInstance.Token}\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{{",
            trickle: true,
            bound);

        var (headersClosed, headersAfter) = await slowHeaders;
        var (bodyClosed, bodyAfter) = await slowBody;
        output.WriteLine($"slow headers closed after {headersAfter.TotalSeconds:F1} s, slow body after {bodyAfter.TotalSeconds:F1} s");
        Assert.True(headersClosed, $"a client that never finishes its headers is cut off (RequestHeadersTimeout {limits.RequestHeadersTimeout})");
        Assert.True(bodyClosed, $"a client that sends its body at 1 byte/s is cut off (MinRequestBodyDataRate {limits.MinRequestBodyDataRate?.BytesPerSecond} B/s)");
        await AssertHealthyAsync(sw);
    }

    private static async Task<List<(string Kind, HttpStatusCode Status)>> PostAllAsync(StreamWorkerInstance sw, IEnumerable<(string Kind, byte[] Body)> bodies, Random random)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<(string, HttpStatusCode)>();
        using var inFlight = new SemaphoreSlim(32);
        var sends = new List<Task>();
        foreach (var (kind, body) in bodies)
        {
            // Decided here, in order, so the run is the same for a given seed.
            var contentType = random.Next(10) == 0 ? HostileContentTypes[random.Next(HostileContentTypes.Length)] : "application/json";
            var token = random.Next(20) == 0 ? "wrong-" + random.Next() : StreamWorkerInstance.Token;
            await inFlight.WaitAsync();
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new ByteArrayContent(body) };
                    if (contentType is not null)
                    {
                        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    }

                    request.Headers.TryAddWithoutValidation(WebhookHeaders.SigningToken, token);
                    using var response = await sw.Http.SendAsync(request);
                    results.Add((kind, response.StatusCode));
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(sends);
        return [.. results];
    }

    private static async Task<HttpStatusCode> SendAsync(StreamWorkerInstance sw, string body, Action<HttpRequestHeaders> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        headers(request.Headers);
        using var response = await sw.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task AssertHealthyAsync(StreamWorkerInstance sw)
    {
        using (var health = await sw.Http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        using var valid = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
    }

    private static (long Managed, long WorkingSet) Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (managed, self.WorkingSet64);
    }

    /// <summary>Sends <paramref name="start"/>, then nothing (or one byte a second); true once the server closed the connection.</summary>
    private static async Task<(bool Closed, TimeSpan After)> TimeToDisconnectAsync(Uri server, string start, bool trickle, TimeSpan bound)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(start));
        var clock = Stopwatch.StartNew();
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();
        while (clock.Elapsed < bound)
        {
            if (await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(1))) == read)
            {
                try
                {
                    // Whatever the server answers (408 or nothing), the connection must end.
                    if (await read == 0)
                    {
                        return (true, clock.Elapsed);
                    }
                }
                catch (IOException)
                {
                    return (true, clock.Elapsed);
                }

                read = stream.ReadAsync(buffer).AsTask();
            }
            else if (trickle)
            {
                try
                {
                    await stream.WriteAsync("1"u8.ToArray());
                }
                catch (IOException)
                {
                    return (true, clock.Elapsed);
                }
            }
        }

        return (false, clock.Elapsed);
    }
}
