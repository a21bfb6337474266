using System.Net;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Tests.Gateway;

/// <summary>With the broker down nothing is acknowledged: 503 with Retry-After, not ready, and nothing stored.</summary>
[Trait("Layer", "Integration")]
public sealed class BrokerFaultTests
{
    [Fact]
    public async Task Post_WhileBrokerIsDown_Returns503WithRetryAfterAndStoresNothing_ThenRecovers()
    {
        await using var sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:AckTimeout"] = "00:00:01" });
        await sw.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

        // The first produce also obtains the idempotent producer's id; on a loaded machine that can exceed the
        // 1 s ack timeout, so warm up until one is acknowledged (bounded).
        var warmedUp = false;
        for (var attempt = 0; attempt < 20 && !warmedUp; attempt++)
        {
            using var warmup = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
            warmedUp = warmup.StatusCode == HttpStatusCode.Accepted;
        }

        Assert.True(warmedUp, "the gateway acknowledged nothing before the fault");

        var embedded = sw.Kafka.Embedded!;
        embedded.SetAllBrokersDown();
        var marker = WebhookSamples.Payload("enter_conference", ("participant_id", 424242));
        using (var response = await sw.PostAsync(WebhookSamples.Body("enter_conference", marker, DateTimeOffset.UtcNow)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using (var ready = await sw.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        embedded.SetAllBrokersUp();
        HttpStatusCode status = default;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && status != HttpStatusCode.Accepted)
        {
            using var retry = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
            status = retry.StatusCode;
            if (status != HttpStatusCode.Accepted)
            {
                await Task.Delay(250);
            }
        }

        Assert.Equal(HttpStatusCode.Accepted, status);
        var stored = sw.Reader(TopicNames.Events).ReadAll(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(stored, r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("payload").TryGetProperty("participant_id", out var p) && p.GetInt64() == 424242);
    }
}
