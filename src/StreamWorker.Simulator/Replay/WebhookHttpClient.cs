using System.Net.Http.Headers;
using StreamWorker.Events;

namespace StreamWorker.Simulator.Replay;

/// <summary>The platform side of one webhook request: JSON body, signing token header, pooled connections.</summary>
internal sealed class WebhookHttpClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly string _token;

    public WebhookHttpClient(Uri url, string token, int maxConnections)
    {
        _url = url;
        _token = token;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, maxConnections),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Posts one body and reads the whole answer, so the connection can be reused.</summary>
    public async Task<HttpResponseMessage> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _url);
        request.Headers.TryAddWithoutValidation(WebhookHeaders.SigningToken, _token);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return response;
    }

    public void Dispose() => _client.Dispose();
}
