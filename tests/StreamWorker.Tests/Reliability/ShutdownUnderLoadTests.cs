using System.Diagnostics;
using System.Net;
using StreamWorker.EmbeddedKafka;
using StreamWorker.Events;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// SIGTERM while webhooks stream in, against the real executable: requests in flight finish (202, and then
/// stored) or fail (503 or a refused connection); nothing acknowledged is lost; the process exits cleanly.
/// A child process rather than an in-process StopAsync, because the signal handling, the host's shutdown
/// order and the producer's flush on disposal are exactly what runs in a container.
/// </summary>
public sealed class ShutdownUnderLoadTests(ITestOutputHelper output) : ReliabilityTest
{
    private const int Events = 2000;
    private static readonly TimeSpan Spread = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan SigtermAt = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BrokerLatency = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Sigterm_UnderLoad_InFlightRequestsFinishOrFail_NoAcknowledgedEventLost_ExitsCleanly()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions
        {
            Port = 0,
            Brokers = 1,
            Topics = [new TopicSpec(TopicNames.Events, 6), new TopicSpec(TopicNames.DeadLetter, 6)],
        });
        using var gateway = await StreamWorkerProcess.StartGatewayAsync(cluster.BootstrapServers, new Dictionary<string, string> { ["Gateway__AckTimeout"] = "00:00:02" });
        var start = DateTimeOffset.UtcNow;

        var loadRun = new WebhookLoad(gateway.Http, concurrency: 32);
        var load = loadRun.RunAsync(Events, Spread, i => WebhookSamples.Body(
            "leave_conference",
            WebhookSamples.Payload("leave_conference", ("participant_id", 2_000_000 + i)),
            start.AddMilliseconds(i)));
        await Task.Delay(SigtermAt);

        // Acknowledgements now take a while, so that requests are really in flight when the signal comes.
        cluster.SetRoundTripTime(1, BrokerLatency);
        await Task.Delay(BrokerLatency / 2);
        var signalledAt = loadRun.Clock.Elapsed;
        var signalled = Stopwatch.StartNew();
        gateway.SendSigterm();
        var exitCode = await gateway.WaitForExitAsync(TimeSpan.FromSeconds(40));
        var exitedAfter = signalled.Elapsed;
        var outcomes = await load;
        cluster.SetRoundTripTime(1, TimeSpan.Zero); // for the reader

        var finishedAfterSignal = outcomes.Count(o => o.Status == HttpStatusCode.Accepted && o.AnsweredAt > signalledAt);
        var figures = LoadFigures.Reconcile(outcomes, StoredEvents.EventIds(new TopicReader(cluster.BootstrapServers, TopicNames.Events), StoredEvents.Acknowledged(outcomes)));
        output.WriteLine($"{figures}; {finishedAfterSignal} answered 202 after SIGTERM; exit code {exitCode} {exitedAfter.TotalSeconds:F1} s after SIGTERM");
        Assert.True(exitCode == 0, $"exit code {exitCode?.ToString() ?? "none (still running)"}; output:\n{gateway.Output}");
        Assert.Equal(0, figures.Other);
        Assert.True(figures.Acknowledged > 0 && figures.ConnectionErrors + figures.Unavailable > 0, "the SIGTERM must fall inside the load: " + figures);
        Assert.True(finishedAfterSignal > 0, "requests in flight at SIGTERM are answered, not dropped");
        Assert.Equal(0, figures.Lost);
        Assert.DoesNotContain("still unacknowledged", gateway.Output, StringComparison.Ordinal);
    }
}
