using System.Net.Http.Headers;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWorker.Events;
using StreamWorker.Kafka;

namespace StreamWorker.Tests.Support;

/// <summary>
/// A real StreamWorker (the production wiring) on a free 127.0.0.1 port, with its own embedded broker on
/// free ports unless a bootstrap list is given. Tests talk to it over HTTP and Kafka like any client.
/// </summary>
public sealed class StreamWorkerInstance : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly WebApplication _app;

    private StreamWorkerInstance(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public KafkaConnection Kafka => _app.Services.GetRequiredService<KafkaConnection>();

    public static async Task<StreamWorkerInstance> StartAsync(IDictionary<string, string?>? settings = null, Action<ILoggingBuilder>? logging = null)
    {
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Role"] = "gateway",
            ["urls"] = "http://127.0.0.1:0",
            ["Kafka:Embedded:Port"] = "0",
            ["Gateway:SigningTokens:0"] = Token,
            ["Gateway:AckTimeout"] = "00:00:03",
            ["Processor:StateDirectory"] = Path.Combine(Path.GetTempPath(), "streamworker-tests", Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = Program.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            logging?.Invoke(builder.Logging);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start that fails validation must not leave its embedded broker and ports behind.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StreamWorkerInstance(app, new Uri(address));
    }

    public Task<HttpResponseMessage> PostAsync(string body, string? token = Token, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks")
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookHeaders.SigningToken, token);
        }

        return Http.SendAsync(request);
    }

    public TopicReader Reader(string topic) => new(Kafka.BootstrapServers, topic);

    /// <summary>Polls <c>/readyz</c> until 200 (producer reaches the cluster, stream threads RUNNING), bounded.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await Http.GetAsync("/readyz");
            if (ready.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"StreamWorker at {BaseAddress} was not ready within {timeout}");
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
