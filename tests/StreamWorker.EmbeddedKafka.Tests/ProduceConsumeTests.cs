using System.Text;
using Confluent.Kafka;

namespace StreamWorker.EmbeddedKafka.Tests;

public class ProduceConsumeTests
{
    [Fact]
    public async Task Produce_WithAcksAllAndIdempotence_IsReadBackByAConsumerGroupWithKeysHeadersAndValues()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions
        {
            Port = 0,
            Topics = [new TopicSpec("meetings", 3)],
        });
        using (var producer = KafkaTestClients.Producer(cluster.BootstrapServers))
        {
            for (var index = 0; index < 12; index++)
            {
                var result = await producer.ProduceAsync(
                    "meetings",
                    KafkaTestClients.Message($"meeting-{index}", $"{{\"n\":{index}}}", ("event_id", $"id-{index}"), ("event_type", "meeting.started")));
                Assert.Equal(PersistenceStatus.Persisted, result.Status);
            }
        }

        var records = KafkaTestClients.ConsumeFromGroup(cluster.BootstrapServers, "meetings", 12);

        Assert.Equal(12, records.Count);
        foreach (var record in records)
        {
            var index = int.Parse(record.Message.Key["meeting-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"{{\"n\":{index}}}", record.Message.Value);
            Assert.Equal($"id-{index}", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("event_id")));
            Assert.Equal("meeting.started", Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes("event_type")));
        }

        Assert.Equal(12, records.Select(record => record.Message.Key).Distinct().Count());
        Assert.True(records.Select(record => record.Partition.Value).Distinct().Count() > 1, "keys should spread over the 3 partitions");
    }
}
