using System.Diagnostics;
using System.Net;
using Confluent.Kafka;
using StreamWorker.Events;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// Broker faults from the gateway's side: while it cannot get an acknowledgement within Gateway:AckTimeout it
/// answers 503 with Retry-After about that fast, readiness says so, and it recovers on its own.
/// </summary>
public sealed class BrokerFaultRecoveryTests : ReliabilityTest
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.5);
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AllBrokersDown_Answers503WithinAckTimeoutAndNotReady_ThenRecoversByItself()
    {
        await using var sw = await StartAsync();
        await AssertAcceptedAsync(sw);

        sw.Kafka.Embedded!.SetAllBrokersDown();
        await AssertUnavailableWithinAckTimeoutAsync(sw);
        using (var ready = await sw.Http.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        using (var alive = await sw.Http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode); // not ready, but not to be restarted either
        }

        sw.Kafka.Embedded.SetAllBrokersUp();
        Assert.True(await EventuallyAsync(async () => await ReadyStatusAsync(sw) == HttpStatusCode.OK), "/readyz back to 200");
        Assert.True(await EventuallyAsync(async () => await PostStatusAsync(sw) == HttpStatusCode.Accepted), "POST back to 202");
    }

    [Fact]
    public async Task BrokerSlowerThanAckTimeout_Answers503WithinAckTimeout_ThenRecoversWhenFastAgain()
    {
        await using var sw = await StartAsync();
        await AssertAcceptedAsync(sw);

        sw.Kafka.Embedded!.SetRoundTripTime(1, AckTimeout * 3);
        await AssertUnavailableWithinAckTimeoutAsync(sw);

        sw.Kafka.Embedded.SetRoundTripTime(1, TimeSpan.Zero);
        Assert.True(await EventuallyAsync(async () => await PostStatusAsync(sw) == HttpStatusCode.Accepted), "POST back to 202");
    }

    [Fact]
    public async Task TransientProduceErrors_AreRetriedByTheProducer_AndTheEventIsAcknowledgedAndStored()
    {
        await using var sw = await StartAsync();
        await AssertAcceptedAsync(sw);

        sw.Kafka.Embedded!.PushRequestErrors(0 /* Produce */, ErrorCode.NotEnoughReplicas, ErrorCode.NotLeaderForPartition, ErrorCode.NotEnoughReplicas);
        var body = WebhookSamples.Body("enter_conference", WebhookSamples.Payload("enter_conference", ("participant_id", 31337)), DateTimeOffset.UtcNow);
        using var response = await sw.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var eventId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("event_id").GetString()!;
        Assert.Contains(eventId, StoredEvents.EventIds(sw.Reader(TopicNames.Events), [eventId]));
    }

    private static Task<StreamWorkerInstance> StartAsync() =>
        StreamWorkerInstance.StartAsync(new Dictionary<string, string?> { ["Gateway:AckTimeout"] = AckTimeout.ToString() });

    /// <summary>As a load balancer would: wait until ready, then the first event goes through.</summary>
    private static async Task AssertAcceptedAsync(StreamWorkerInstance sw)
    {
        Assert.True(await EventuallyAsync(async () => await ReadyStatusAsync(sw) == HttpStatusCode.OK), "/readyz 200 after start");
        Assert.Equal(HttpStatusCode.Accepted, await PostStatusAsync(sw));
    }

    private static async Task AssertUnavailableWithinAckTimeoutAsync(StreamWorkerInstance sw)
    {
        var clock = Stopwatch.StartNew();
        using var response = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After in seconds");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(clock.Elapsed <= AckTimeout + Slack, $"answered after {clock.Elapsed}, Gateway:AckTimeout is {AckTimeout}");
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(StreamWorkerInstance sw)
    {
        using var response = await sw.Http.GetAsync("/readyz");
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> PostStatusAsync(StreamWorkerInstance sw)
    {
        using var response = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));
        return response.StatusCode;
    }

    /// <summary>Polls until true, at most <see cref="RecoveryLimit"/>.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < RecoveryLimit)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
