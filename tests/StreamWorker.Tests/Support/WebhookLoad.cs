using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

/// <summary>
/// Posts many webhooks with a bounded number in flight, spread evenly over a given time so that faults
/// injected meanwhile hit requests in every state. Records every answer for reconciliation.
/// </summary>
public sealed class WebhookLoad(HttpClient http, int concurrency, string token = StreamWorkerInstance.Token)
{
    /// <summary>Started when the run starts; outcomes' times are read from it.</summary>
    public Stopwatch Clock { get; } = new();

    public async Task<IReadOnlyList<LoadOutcome>> RunAsync(int count, TimeSpan spread, Func<int, string> body)
    {
        var outcomes = new LoadOutcome[count];
        using var inFlight = new SemaphoreSlim(concurrency);
        var clock = Clock;
        clock.Restart();
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var wait = spread * i / count - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait);
            }

            await inFlight.WaitAsync();
            var index = i;
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    outcomes[index] = await SendAsync(index, body(index), clock);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(sends);
        return outcomes;
    }

    private async Task<LoadOutcome> SendAsync(int index, string body, Stopwatch clock)
    {
        var sentAt = clock.Elapsed;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookHeaders.SigningToken, token);
        try
        {
            using var response = await http.SendAsync(request);
            string? eventId = null;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                eventId = json.RootElement.GetProperty("event_id").GetString();
            }

            return new LoadOutcome(index, response.StatusCode, eventId, response.Headers.RetryAfter is not null, sentAt, clock.Elapsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new LoadOutcome(index, null, null, false, sentAt, clock.Elapsed);
        }
    }
}
