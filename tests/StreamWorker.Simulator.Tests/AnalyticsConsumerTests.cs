using Confluent.Kafka;
using StreamWorker.Events;
using StreamWorker.Simulator.Watch;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Integration")]
public class AnalyticsConsumerTests
{
    [Fact]
    public async Task Consumer_ReadsEveryAnalyticsTopicFromTheBeginning_KeepingTheLatestRecordPerWindow()
    {
        using var cluster = new MockKafkaCluster(TopicLayout.Defaults.Select(l => l.Topic));
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build())
        {
            const string window = "\"window_start\":\"2026-01-01T00:00:00.000Z\",\"window_end\":\"2026-01-01T00:15:00.000Z\"";
            await producer.ProduceAsync(TopicNames.Participants, new Message<string, string> { Key = "7", Value = $$"""{"conference_id":7,{{window}},"concurrent":3}""" });
            await producer.ProduceAsync(TopicNames.Participants, new Message<string, string> { Key = "7", Value = $$"""{"conference_id":7,{{window}},"concurrent":4}""" });
            await producer.ProduceAsync(TopicNames.LivestreamChurn, new Message<string, string> { Key = "7", Value = $$"""{"conference_id":7,{{window}},"churn_rate":0.25}""" });
            await producer.ProduceAsync(TopicNames.DialoutAnswerRate, new Message<string, string> { Key = "1001", Value = $$"""{"company_id":1001,{{window}},"attempts":5,"answer_rate":null}""" });
        }

        var view = new AnalyticsView(TopicLayout.Defaults);
        var consumer = new AnalyticsConsumer(cluster.BootstrapServers, view);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var consuming = consumer.RunAsync(stop.Token);
        while (!stop.IsCancellationRequested && TopicLayout.Defaults.Sum(l => view.RecordsRead(l.Topic)) < 4)
        {
            await Task.Delay(100);
        }

        await stop.CancelAsync();
        await consuming;

        var participants = Assert.Single(view.Latest(TopicNames.Participants, 10));
        Assert.Equal("4", participants.Cells[2]);
        Assert.Equal("25%", Assert.Single(view.Latest(TopicNames.LivestreamChurn, 10)).Cells[6]);
        var dialout = Assert.Single(view.Latest(TopicNames.DialoutAnswerRate, 10));
        Assert.Equal(("1001", "5", "-"), (dialout.Key, dialout.Cells[2], dialout.Cells[9]));
    }
}
