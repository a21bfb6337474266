namespace StreamWorker.Simulator.Watch;

/// <summary>Asks the gateway's <c>/readyz</c> every few seconds, for the live view's status line.</summary>
internal sealed class GatewayProbe(Uri baseUrl) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };

    public string Status { get; private set; } = "checking";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var readyz = new Uri(baseUrl, "/readyz");
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        do
        {
            try
            {
                using var response = await _client.GetAsync(readyz, cancellationToken).ConfigureAwait(false);
                Status = response.IsSuccessStatusCode ? "ready" : $"not ready ({(int)response.StatusCode})";
            }
            catch (HttpRequestException)
            {
                Status = "unreachable";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Status = "not answering";
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
