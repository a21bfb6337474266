using System.Diagnostics;
using StreamWorker.Events;
using StreamWorker.Topology;
using StreamWorker.Topology.Failure;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// Two processor processes in one consumer group (one application id) split the partitions of
/// <c>webhook-events</c>; one is stopped mid-stream (SIGTERM, or SIGKILL as a crash); its partitions and their
/// state move to the other, and the final output equals that of a single instance over the same input. A survivor
/// that the embedded broker fenced during the rebalance, and that stopped itself after <c>Processor:StallTimeout</c>
/// (docs/reliability.md, "Known limits"), is started again, as Kubernetes restarts it.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : ProcessorProcessesTest
{
    [Theory]
    [InlineData("SIGTERM", false)]
    [InlineData("SIGKILL", false)]
    [InlineData("SIGKILL", true)]
    public async Task TwoInstancesSplitThePartitions_OneStopsMidStream_SurvivorEndsWithTheSingleInstanceOutput(string signal, bool largeConference)
    {
        var total = Stopwatch.StartNew();
        var tag = signal.ToLowerInvariant() + (largeConference ? "-large" : "");
        var reference = new ProcessorRunSettings($"single-{tag}");
        var scaled = new ProcessorRunSettings($"scaled-{tag}") { Extra = new Dictionary<string, string> { ["Processor__StallTimeout"] = "00:00:20" } };
        var scenario = ProcessorRunHarness.ScenarioFor(largeConference);
        var events = scenario.Count;
        using var cluster = ProcessorRunHarness.StartCluster(1, reference, scaled);
        var bootstrap = cluster.BootstrapServers;
        var feeder = new ScenarioFeeder(bootstrap, scenario);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(140));
        StreamWorkerProcess? single = null, survivor = null, stopped = null;
        try
        {
            single = StreamWorkerProcess.StartProcessor(reference, bootstrap, ProcessorRunHarness.StateDirectory());
            survivor = StreamWorkerProcess.StartProcessor(scaled, bootstrap, ProcessorRunHarness.StateDirectory());
            await survivor.WaitUntilReadyAsync(ReadyTimeout);
            stopped = StreamWorkerProcess.StartProcessor(scaled, bootstrap, ProcessorRunHarness.StateDirectory());
            await Task.WhenAll(single.WaitUntilReadyAsync(ReadyTimeout), stopped.WaitUntilReadyAsync(ReadyTimeout));
            await survivor.WaitUntilReadyAsync(ReadyTimeout); // RUNNING again after the rebalance that let the second one in

            // The first 40 % of the stream, read by both instances.
            await feeder.FeedAsync(events * 4 / 10, TimeSpan.FromSeconds(5), stop.Token);
            var survivorBefore = await survivor.EventsReadAsync();
            var stoppedBefore = await stopped.EventsReadAsync();
            Assert.True(survivorBefore > 0 && stoppedBefore > 0, $"the two instances did not split the partitions (first read {survivorBefore}, second {stoppedBefore})");

            // Stop at a quiet point: see docs/reliability.md (section 4 and 5), "Known limit", for why the survivor must have
            // committed everything when its partitions are revoked.
            // Quiet means the company stage too has committed what the conference stage sent it (usage counts are most
            // of the repartition topic's records), not only the events topic.
            var repartition = ProcessorTopology.InternalTopics(new ProcessorOptions { ApplicationId = scaled.ApplicationId })
                .Single(t => t.EndsWith("-repartition", StringComparison.Ordinal));
            var quiet = await ProcessorRunHarness.WaitUntilAsync(
                () => ConsumerGroupLag.Of(bootstrap, scaled.ApplicationId, TopicNames.Events, ProcessorRunHarness.Partitions) == 0
                    && ConsumerGroupLag.Of(bootstrap, scaled.ApplicationId, repartition, ProcessorRunHarness.Partitions) == 0,
                TimeSpan.FromSeconds(20));
            Assert.True(quiet, "the scaled-out group did not commit the first part of the stream");
            survivorBefore = await survivor.EventsReadAsync();
            stoppedBefore = await stopped.EventsReadAsync();
            var producedAtStop = feeder.Produced;
            var runningBefore = survivor.RunningTransitions;
            var stopWatch = Stopwatch.StartNew();
            if (signal == "SIGTERM")
            {
                Assert.True(stopped.Terminate(TimeSpan.FromSeconds(30)), $"the instance did not exit within 30 s of SIGTERM:\n{stopped.Output}");
                Assert.True(stopped.ExitCode == 0, $"SIGTERM: exit code {stopped.ExitCode}:\n{stopped.Output}");
            }
            else
            {
                stopped.Kill();
            }

            var stoppedIn = stopWatch.Elapsed;
            // Up to the consumer session timeout (45 s): the embedded broker's group coordinator does not always act on
            // the leaving member's LeaveGroup at once, and then the survivor takes over when the session expires.
            var tookOver = await ProcessorRunHarness.WaitUntilAsync(() => survivor.RunningTransitions > runningBefore || survivor.HasExited, TimeSpan.FromSeconds(60));
            survivor = await RestartIfStoppedAsync(survivor, scaled, bootstrap);
            var takeover = stopWatch.Elapsed;
            Assert.True(tookOver, $"the survivor did not rebalance after the stop:\n{survivor.Output}");

            // The rest of the stream, all partitions now on the survivor.
            await feeder.FeedAsync(events - producedAtStop, TimeSpan.FromSeconds(6), stop.Token);

            var expected = await ProcessorRunHarness.WaitCaughtUpAsync(bootstrap, reference, events, CatchUpTimeout, single);
            survivor = await RestartIfStoppedAsync(survivor, scaled, bootstrap);
            var actual = await ProcessorRunHarness.WaitCaughtUpAsync(bootstrap, scaled, events, CatchUpTimeout, survivor);
            var survivorTotal = await survivor.EventsReadAsync();

            output.WriteLine($"stop by {signal}; at_least_once, partitions {ProcessorRunHarness.Partitions}");
            output.WriteLine($"events: {ScenarioRecords.Describe(scenario)}");
            output.WriteLine($"before the stop ({producedAtStop} events produced): instance 1 read {survivorBefore}, instance 2 read {stoppedBefore}");
            output.WriteLine($"instance 2 exited {stoppedIn.TotalSeconds:0.0} s after the signal; the survivor was RUNNING with all partitions {takeover.TotalSeconds:0.0} s after it");
            output.WriteLine($"instance 1 read {survivorTotal} events in all; events read twice in the group: at least {survivorTotal + stoppedBefore - events}");
            output.WriteLine($"test time {total.Elapsed.TotalSeconds:0.0} s");

            Assert.True(expected.Latest.Count > (largeConference ? 250 : 500), $"the single-instance run wrote only {expected.Latest.Count} window records");
            ProcessorRunHarness.AssertSameOutput(output, bootstrap, reference, expected, scaled, actual, "after the scale-in");
        }
        finally
        {
            await stop.CancelAsync();
            single?.Dispose();
            survivor?.Dispose();
            stopped?.Dispose();
        }
    }

    /// <summary>A survivor that stopped itself (fenced, not consuming for its stall timeout) is started again, as Kubernetes would; the stop must be that one.</summary>
    private async Task<StreamWorkerProcess> RestartIfStoppedAsync(StreamWorkerProcess survivor, ProcessorRunSettings run, string bootstrap)
    {
        if (!survivor.HasExited) return survivor;
        output.WriteLine($"the survivor stopped by itself with exit code {survivor.ExitCode}: started again\n{survivor.Output}");
        Assert.True(survivor.ExitCode == ProcessorFailure.ExitCode && survivor.Output.Contains("not consuming", StringComparison.Ordinal), $"the survivor stopped for another reason:\n{survivor.Output}");
        survivor.Dispose();
        var replacement = StreamWorkerProcess.StartProcessor(run, bootstrap, ProcessorRunHarness.StateDirectory());
        await replacement.WaitUntilReadyAsync(ReadyTimeout);
        return replacement;
    }
}
