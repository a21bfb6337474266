using System.Diagnostics;
using System.Net;
using Confluent.Kafka;
using StreamWorker.EmbeddedKafka;
using StreamWorker.Events;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// docs/http-api.md: 202 only after the broker acknowledged. Thousands of events are posted while the broker
/// is slowed beyond the ack timeout, fails produce requests and goes down and up; every event answered 202
/// must then be in the events topic.
/// </summary>
public sealed class AcknowledgedMeansStoredTests(ITestOutputHelper output) : ReliabilityTest
{
    private const int Events = 3000;
    private static readonly TimeSpan Spread = TimeSpan.FromSeconds(9);

    [Fact]
    public async Task Post_ThousandsUnderBrokerFaults_EveryAcknowledgedEventIsStored()
    {
        await using var sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Gateway:AckTimeout"] = "00:00:01",
            // The embedded broker (librdkafka's mock) does not check a non-transactional producer's sequence numbers,
            // so when it fails one pipelined Produce request and accepts the next, librdkafka takes the later ack as
            // proof the earlier batch was written (implicit ack). Kafka refuses the out-of-order batch instead. This
            // test injects exactly those failures, so it keeps one request in flight to test the gateway, not the
            // mock's gap; the shipped setting (5) is what every other test and the benchmark run (KafkaEventProducer).
            ["Kafka:Client:max.in.flight.requests.per.connection"] = "1",
        });
        var cluster = sw.Kafka.Embedded!;
        var start = DateTimeOffset.UtcNow;

        var faults = InjectFaultsAsync(cluster);
        var outcomes = await new WebhookLoad(sw.Http, concurrency: 32).RunAsync(Events, Spread, i => Body(i, start));
        await faults;

        var stored = StoredEvents.EventIds(sw.Reader(TopicNames.Events), StoredEvents.Acknowledged(outcomes));
        var figures = LoadFigures.Reconcile(outcomes, stored);
        output.WriteLine(figures.ToString());
        output.WriteLine("503 by second sent: " + string.Join(", ", outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable)
            .GroupBy(o => (int)o.SentAt.TotalSeconds).OrderBy(g => g.Key).Select(g => $"{g.Key}s: {g.Count()}")));
        foreach (var lost in outcomes.Where(o => o.EventId is not null && !stored.Contains(o.EventId)))
        {
            output.WriteLine($"lost: #{lost.Index} sent at {lost.SentAt.TotalSeconds:F2} s, answered 202 at {lost.AnsweredAt.TotalSeconds:F2} s");
        }

        Assert.Equal(0, figures.Other);
        Assert.Equal(0, figures.ConnectionErrors);
        Assert.True(figures.Unavailable > 0, "the faults must have caused 503s, or this run proved nothing: " + figures);
        Assert.True(figures.Acknowledged > Events / 2, "most events go through between the faults: " + figures);
        Assert.All(outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o => Assert.True(o.HasRetryAfter));
        Assert.Equal(0, figures.Lost);
    }

    /// <summary>Every body is a distinct, valid event, so every event_id is distinct.</summary>
    private static string Body(int index, DateTimeOffset start) => WebhookSamples.Body(
        "enter_conference",
        WebhookSamples.Payload("enter_conference", ("participant_id", 1_000_000 + index), ("conference_id", 5_000 + (index % 50))),
        start.AddMilliseconds(index));

    /// <summary>One fault after another, timed to fall inside the load's spread.</summary>
    private static async Task InjectFaultsAsync(EmbeddedKafkaCluster cluster)
    {
        var clock = Stopwatch.StartNew();
        await Until(clock, 1.0);
        cluster.SetRoundTripTime(1, TimeSpan.FromSeconds(3)); // well beyond Gateway:AckTimeout
        await Until(clock, 2.5);
        cluster.SetRoundTripTime(1, TimeSpan.Zero);
        foreach (var at in (double[])[3.5, 4.0, 4.5])
        {
            // Retriable produce errors under load: with more than one request in flight the embedded broker would
            // acknowledge batches it had not written (see the configuration above and KafkaEventProducer's MaxInFlight).
            await Until(clock, at);
            cluster.PushRequestErrors(0 /* Produce */, ErrorCode.NotEnoughReplicas, ErrorCode.NotEnoughReplicas, ErrorCode.NotLeaderForPartition);
        }

        await Until(clock, 5.0);
        cluster.SetAllBrokersDown();
        await Until(clock, 6.5);
        cluster.SetAllBrokersUp();
    }

    private static async Task Until(Stopwatch clock, double seconds)
    {
        var wait = TimeSpan.FromSeconds(seconds) - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }
}
