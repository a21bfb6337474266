using System.Diagnostics;
using StreamWorker.Events;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// The processor is killed with SIGKILL in the middle of a live stream and restarted; its state
/// comes back from the changelog topics and the final output equals a run over the same input that never
/// crashed. The broker lives in the test process; both processors are real child processes.
/// </summary>
public sealed class ProcessorCrashTests(ITestOutputHelper output) : ProcessorProcessesTest
{
    [Theory]
    [InlineData("at_least_once", 1, false)]
    [InlineData("exactly_once", 3, false)]
    [InlineData("at_least_once", 1, true)]
    [InlineData("exactly_once", 3, true)]
    public async Task KilledMidStream_RestartedProcessor_EndsWithTheOutputOfARunWithoutCrash(string guarantee, int brokers, bool largeConference)
    {
        var total = Stopwatch.StartNew();
        var tag = (guarantee == "exactly_once" ? "eos" : "alos") + (largeConference ? "-large" : "");
        var reference = new ProcessorRunSettings($"reference-{tag}", guarantee);
        var crashed = new ProcessorRunSettings($"crashed-{tag}", guarantee);
        var scenario = ProcessorRunHarness.ScenarioFor(largeConference);
        using var cluster = ProcessorRunHarness.StartCluster(brokers, reference, crashed);
        var bootstrap = cluster.BootstrapServers;
        var feeder = new ScenarioFeeder(bootstrap, scenario);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(80));
        StreamWorkerProcess? referenceProcess = null, first = null, restarted = null;
        try
        {
            referenceProcess = StreamWorkerProcess.StartProcessor(reference, bootstrap, ProcessorRunHarness.StateDirectory());
            first = StreamWorkerProcess.StartProcessor(crashed, bootstrap, ProcessorRunHarness.StateDirectory());
            await Task.WhenAll(referenceProcess.WaitUntilReadyAsync(ReadyTimeout), first.WaitUntilReadyAsync(ReadyTimeout));

            var feeding = feeder.FeedAsync(TimeSpan.FromSeconds(12), stop.Token);
            var midStream = await ProcessorRunHarness.WaitUntilAsync(
                () => feeder.Produced >= scenario.Count * 4 / 10 && OutputSnapshot.HighWatermarks(bootstrap, crashed.Participants, ProcessorRunHarness.Partitions) > 0,
                TimeSpan.FromSeconds(40));
            Assert.True(midStream, $"no output before the kill:\n{first.Output}");
            var producedAtKill = feeder.Produced;
            var outputAtKill = crashed.AnalyticsTopics.Sum(t => OutputSnapshot.HighWatermarks(bootstrap, t, ProcessorRunHarness.Partitions));
            var readBeforeKill = await first.EventsReadAsync();
            first.Kill();

            var restartWatch = Stopwatch.StartNew();
            restarted = StreamWorkerProcess.StartProcessor(crashed, bootstrap, ProcessorRunHarness.StateDirectory());
            var readyAfter = await restarted.WaitUntilReadyAsync(ReadyTimeout);
            await feeding;
            var inputComplete = restartWatch.Elapsed;

            var expected = await ProcessorRunHarness.WaitCaughtUpAsync(bootstrap, reference, scenario.Count, CatchUpTimeout, referenceProcess);
            var actual = await ProcessorRunHarness.WaitCaughtUpAsync(bootstrap, crashed, scenario.Count, CatchUpTimeout, restarted);
            var caughtUpAfter = restartWatch.Elapsed;
            var readAgain = readBeforeKill + await restarted.EventsReadAsync() - scenario.Count;

            output.WriteLine($"guarantee {guarantee}, brokers {brokers}, partitions {ProcessorRunHarness.Partitions}");
            output.WriteLine($"events: {ScenarioRecords.Describe(scenario)}");
            output.WriteLine($"killed (SIGKILL) after {producedAtKill} events produced and {outputAtKill} output records written");
            output.WriteLine($"events read again after the restart: at least {readAgain} (the first process had read {readBeforeKill})");
            output.WriteLine($"restart: ready (state restored, RUNNING) after {readyAfter.TotalSeconds:0.0} s; caught up {(caughtUpAfter - inputComplete).TotalSeconds:0.0} s after the last event was produced ({caughtUpAfter.TotalSeconds:0.0} s after the restart)");
            output.WriteLine($"test time {total.Elapsed.TotalSeconds:0.0} s");

            Assert.True(outputAtKill < actual.RecordsRead, $"the kill came after the last output ({outputAtKill} of {actual.RecordsRead} records)");
            Assert.True(expected.Latest.Count > (largeConference ? 250 : 500), $"the reference run wrote only {expected.Latest.Count} window records");
            ProcessorRunHarness.AssertSameOutput(output, bootstrap, reference, expected, crashed, actual, "after the crash");
        }
        finally
        {
            await stop.CancelAsync();
            referenceProcess?.Dispose();
            first?.Dispose();
            restarted?.Dispose();
        }
    }

    /// <summary>
    /// Regression: stream time must survive a restart (docs/aggregates.md). The first event read after the restart is
    /// late against the stream time reached before the crash, so it is dead-lettered and changes no window.
    /// </summary>
    [Fact]
    public async Task KilledProcessor_FirstEventAfterRestart_IsJudgedAgainstTheRestoredStreamTime()
    {
        var run = new ProcessorRunSettings("stream-time");
        var t0 = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        string Enter(int participant) => $$"""{"host_id":5,"company_id":77,"conference_id":80001,"participant_id":{{participant}},"participant_role":"participant","meeting_url":"https://meet.example/r/80001"}""";
        var late = ScenarioRecords.One("enter_conference", Enter(3), t0 + TimeSpan.FromSeconds(20));
        ScenarioRecord[] records =
        [
            ScenarioRecords.One("enter_conference", Enter(1), t0 + TimeSpan.FromSeconds(5)),
            ScenarioRecords.One("enter_conference", Enter(2), t0 + TimeSpan.FromMinutes(10)),
            late,                                                                          // its window closed at t0 + 3 min
            ScenarioRecords.One("enter_conference", Enter(4), t0 + TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5)),
        ];
        using var cluster = ProcessorRunHarness.StartCluster(1, run);
        var bootstrap = cluster.BootstrapServers;
        var feeder = new ScenarioFeeder(bootstrap, records);
        StreamWorkerProcess? first = null, restarted = null;
        try
        {
            first = StreamWorkerProcess.StartProcessor(run, bootstrap, ProcessorRunHarness.StateDirectory());
            await first.WaitUntilReadyAsync(ReadyTimeout);
            await feeder.FeedAsync(2, TimeSpan.Zero, CancellationToken.None);
            Assert.True(
                await ProcessorRunHarness.WaitUntilAsync(() => ConsumerGroupLag.Of(bootstrap, run.ApplicationId, TopicNames.Events, ProcessorRunHarness.Partitions) == 0, TimeSpan.FromSeconds(30)),
                $"the first two events were not committed:\n{first.Output}");
            first.Kill();

            restarted = StreamWorkerProcess.StartProcessor(run, bootstrap, ProcessorRunHarness.StateDirectory());
            await restarted.WaitUntilReadyAsync(ReadyTimeout);
            await feeder.FeedAsync(2, TimeSpan.Zero, CancellationToken.None);
            var snapshot = await ProcessorRunHarness.WaitCaughtUpAsync(bootstrap, run, records.Length, CatchUpTimeout, restarted);
            var deadLetters = ProcessorRunHarness.DeadLetters(bootstrap, run);

            Assert.Equal([$"{late.EventId}|late"], deadLetters);
            var firstWindow = Assert.Single(snapshot.Latest, r => r.Key == "participants|80001|2026-11-26T09:00:00.000Z");
            Assert.Contains("\"joins\":1,", firstWindow.Value, StringComparison.Ordinal);
            Assert.Contains("participants|80001|2026-11-26T09:10:00.000Z", snapshot.Latest.Keys);
        }
        finally
        {
            first?.Dispose();
            restarted?.Dispose();
        }
    }
}
