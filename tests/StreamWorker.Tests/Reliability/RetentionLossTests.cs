using System.Globalization;
using Confluent.Kafka;
using StreamWorker.Events;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// Events removed by the topic's retention before the processor read them are never lost in silence: a processor is
/// stopped, its partition receives more than the embedded broker keeps (about 5 MiB), so the oldest unread records
/// are dropped; the restarted processor counts exactly those in <c>streamworker_processor_records_skipped_total</c>
/// and logs one warning naming the partition.
/// </summary>
public sealed class RetentionLossTests(ITestOutputHelper output) : ProcessorProcessesTest
{
    [Fact]
    public async Task RecordsDroppedByRetentionWhileTheProcessorWasDown_AreCountedAndWarnedAbout()
    {
        var run = new ProcessorRunSettings("retention-loss");
        using var cluster = ProcessorRunHarness.StartCluster(1, run);
        var bootstrap = cluster.BootstrapServers;
        var start = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        // One conference, so one partition; ~400 bytes a record: 20,000 records are well over 5 MiB.
        var records = Enumerable.Range(0, 20_100)
            .Select(i => ScenarioRecords.One(
                "enter_conference",
                string.Create(CultureInfo.InvariantCulture, $$"""{"host_id":1,"company_id":2,"conference_id":9001,"participant_id":{{i}},"participant_role":"participant","meeting_url":"https://meet.example/r/{{i}}"}"""),
                start.AddMilliseconds(i * 100)))
            .ToList();
        var feeder = new ScenarioFeeder(bootstrap, records);
        await feeder.FeedAsync(100, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        var partition = Enumerable.Range(0, ProcessorRunHarness.Partitions).Single(p => Watermarks(bootstrap, p).High == 100);
        using (var first = StreamWorkerProcess.StartProcessor(run, bootstrap, ProcessorRunHarness.StateDirectory()))
        {
            await first.WaitUntilReadyAsync(ReadyTimeout);
            Assert.True(
                await ProcessorRunHarness.WaitUntilAsync(() => Committed(bootstrap, run, partition) == 100, CatchUpTimeout),
                $"the first processor did not commit the first 100 records:\n{first.Output}");
            Assert.True(first.Terminate(TimeSpan.FromSeconds(30)), first.Output);
        }

        await feeder.FeedAsync(records.Count - 100, TimeSpan.FromSeconds(2), CancellationToken.None);
        var (low, high) = Watermarks(bootstrap, partition);
        output.WriteLine($"committed 100, partition {partition} now holds offsets {low} to {high - 1}");
        Assert.True(low > 100, $"the broker kept everything (first offset {low}): nothing to lose");

        using var second = StreamWorkerProcess.StartProcessor(run, bootstrap, ProcessorRunHarness.StateDirectory());
        await second.WaitUntilReadyAsync(ReadyTimeout);
        Assert.True(
            await ProcessorRunHarness.WaitUntilAsync(() => Committed(bootstrap, run, partition) == high, TimeSpan.FromSeconds(60)),
            $"the restarted processor did not catch up:\n{second.Output}");

        var metrics = await second.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var skipped = metrics.Split('\n').Where(l => l.StartsWith("streamworker_processor_records_skipped_total", StringComparison.Ordinal))
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        output.WriteLine($"events read after the restart: {await second.EventsReadAsync()}");
        output.WriteLine(string.Join('\n', second.Output.Split('\n').Where(l => l.Contains("retention", StringComparison.Ordinal) || l.Contains("skipped", StringComparison.Ordinal))));
        Assert.Equal(low - 100, skipped);
        var warning = Assert.Single(second.Output.Split('\n'), l => l.Contains("removed by the topic's retention", StringComparison.Ordinal));
        Assert.Contains($"partition {partition}", warning, StringComparison.Ordinal);
    }

    private static long Committed(string bootstrap, ProcessorRunSettings run, int partition) =>
        ConsumerGroupLag.Positions(bootstrap, run.ApplicationId, TopicNames.Events, ProcessorRunHarness.Partitions).Committed[partition];

    private static (long Low, long High) Watermarks(string bootstrap, int partition)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "retention-watermarks" }).Build();
        var w = consumer.QueryWatermarkOffsets(new TopicPartition(TopicNames.Events, partition), TimeSpan.FromSeconds(10));
        return (w.Low.Value, w.High.Value);
    }
}
