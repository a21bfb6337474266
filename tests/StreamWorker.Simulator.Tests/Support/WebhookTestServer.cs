using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StreamWorker.Events;

namespace StreamWorker.Simulator.Tests.Support;

/// <summary>
/// An in-process Kestrel server on 127.0.0.1 (random port) standing in for the gateway. Each test sets how it
/// answers; it records what it received. Shared by the tests of one collection, which run one at a time.
/// </summary>
public sealed class WebhookTestServer : IAsyncLifetime
{
    private WebApplication? _app;
    private Func<ReceivedRequest, int, IResult> _answer = (_, _) => Results.StatusCode(202);

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Sets the answer for each request, given the request and how many times its body was received before.</summary>
    public void AnswerWith(Func<ReceivedRequest, int, IResult> answer)
    {
        Received.Clear();
        _answer = answer;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/webhooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(
                await reader.ReadToEndAsync(context.RequestAborted),
                context.Request.Headers[WebhookHeaders.SigningToken].ToString(),
                context.Request.ContentType ?? "");
            var seenBefore = Received.Count(r => r.Body == request.Body);
            Received.Enqueue(request);
            return _answer(request, seenBefore);
        });
        await _app.StartAsync();
        Url = new Uri(new Uri(_app.Urls.First()), "/webhooks");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
