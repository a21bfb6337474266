using System.Diagnostics;
using System.Net;
using Confluent.Kafka;
using StreamWorker.Topology.Failure;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// A record the processor cannot write (here: the broker refuses a produce request as a record over its size limit
/// is refused) stops it loudly: not ready, one error naming the topic and the reason, a non-zero exit within
/// seconds. Restarted, it reads again from its last commit and ends with the output of a run without the failure.
/// </summary>
public sealed class ProcessorFailureTests(ITestOutputHelper output) : ProcessorProcessesTest
{
    private const short ProduceApi = 0;

    [Fact]
    public async Task ClientSettingLibrdkafkaRefuses_StopsTheProcessorWithItsExitCode_NamingTheKey()
    {
        // No broker is needed: the clients are refused when they are built, before any connection.
        var run = new ProcessorRunSettings("refused-setting") { Extra = new Dictionary<string, string> { ["Kafka__Client__no.such.property"] = "1" } };
        using var process = StreamWorkerProcess.StartProcessor(run, "127.0.0.1:9", ProcessorRunHarness.StateDirectory());

        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(60)) is not null, $"the processor did not stop:\n{process.Output}");
        Assert.Equal(ProcessorFailure.ExitCode, process.ExitCode);
        Assert.Contains("no.such.property", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventsTopicMissing_NotReady_ThenStopsAfterStallTimeout_NamingWhy()
    {
        var run = new ProcessorRunSettings("no-events-topic")
        {
            Extra = new Dictionary<string, string> { ["Topics__Events"] = "no-such-events-topic", ["Processor__StallTimeout"] = "00:00:05" },
        };
        using var cluster = ProcessorRunHarness.StartCluster(1, run);
        using var process = StreamWorkerProcess.StartProcessor(run, cluster.BootstrapServers, ProcessorRunHarness.StateDirectory());

        // While it waits for the topic it answers, and is not ready.
        HttpStatusCode? readiness = null;
        for (var watch = Stopwatch.StartNew(); readiness is null && !process.HasExited && watch.Elapsed < TimeSpan.FromSeconds(30);) readiness = await process.ReadinessAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromSeconds(40)) is not null, $"the processor did not stop:\n{process.Output}");
        Assert.Equal(ProcessorFailure.ExitCode, process.ExitCode);
        Assert.Contains("not consuming", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonRetriableProduceError_StopsTheProcessorLoudly_AndTheRestartEndsExact()
    {
        var reference = new ProcessorRunSettings("reference-failure");
        var failing = new ProcessorRunSettings("failing");
        var scenario = ProcessorRunHarness.Scenario;
        using var cluster = ProcessorRunHarness.StartCluster(1, reference, failing);
        var bootstrap = cluster.BootstrapServers;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await new ScenarioFeeder(bootstrap, scenario).FeedAsync(TimeSpan.FromSeconds(2), stop.Token);

        StreamWorkerProcess? referenceProcess = null, first = null, restarted = null;
        try
        {
            referenceProcess = StreamWorkerProcess.StartProcessor(reference, bootstrap, ProcessorRunHarness.StateDirectory());
            await referenceProcess.WaitUntilReadyAsync(ReadyTimeout);
            var expected = await ProcessorRunHarness.WaitCaughtUpAsync(bootstrap, reference, scenario.Count, CatchUpTimeout, referenceProcess);
            referenceProcess.Terminate(TimeSpan.FromSeconds(20));

            // From here the broker refuses the next produce request, whoever sends it: only the failing processor does.
            cluster.PushRequestErrors(ProduceApi, ErrorCode.MsgSizeTooLarge);
            var watch = Stopwatch.StartNew();
            first = StreamWorkerProcess.StartProcessor(failing, bootstrap, ProcessorRunHarness.StateDirectory());
            var readiness = new List<HttpStatusCode?>();
            while (!first.HasExited && watch.Elapsed < ReadyTimeout) // it starts, gets ready and stops on the failure
            {
                readiness.Add(await first.ReadinessAsync());
                await Task.Delay(50);
            }

            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(5)) is not null, $"the processor did not stop:\n{first.Output}");
            var stoppedAfter = watch.Elapsed;
            var log = first.Output;
            output.WriteLine($"stopped after {stoppedAfter.TotalSeconds:0.0} s with exit code {first.ExitCode}; readiness seen: {string.Join(' ', readiness.Select(r => r is null ? "-" : ((int)r).ToString(System.Globalization.CultureInfo.InvariantCulture)))}");
            Assert.Equal(ProcessorFailure.ExitCode, first.ExitCode);
            var failure = Assert.Single(log.Split('\n'), line => line.Contains("Processor stopping:", StringComparison.Ordinal));
            output.WriteLine(failure);
            Assert.Contains("cannot be written to topic", failure, StringComparison.Ordinal);
            // The broker's refusal, or the producer's own stop on it: with the gapless guarantee (which keeps each
            // changelog a prefix of the writes) librdkafka may report the refused batch as Local_GaplessGuarantee first.
            Assert.True(failure.Contains("MsgSizeTooLarge", StringComparison.Ordinal) || failure.Contains("Local_GaplessGuarantee", StringComparison.Ordinal), failure);

            // Once it answered not ready after having been ready (the failure), it never answers ready again.
            var firstReady = readiness.IndexOf(HttpStatusCode.OK);
            var failedAt = firstReady < 0 ? -1 : readiness.FindIndex(firstReady, r => r == HttpStatusCode.ServiceUnavailable);
            Assert.True(failedAt < 0 || !readiness.Skip(failedAt).Contains(HttpStatusCode.OK), "readiness went back to 200 after the failure");

            restarted = StreamWorkerProcess.StartProcessor(failing, bootstrap, ProcessorRunHarness.StateDirectory());
            await restarted.WaitUntilReadyAsync(ReadyTimeout);
            var actual = await ProcessorRunHarness.WaitCaughtUpAsync(bootstrap, failing, scenario.Count, CatchUpTimeout, restarted);

            ProcessorRunHarness.AssertSameOutput(output, bootstrap, reference, expected, failing, actual, "after the failure");
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var process in new[] { referenceProcess, first, restarted })
            {
                process?.Kill();
                process?.Dispose();
            }
        }
    }
}
