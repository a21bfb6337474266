using Confluent.Kafka;

namespace StreamWorker.Tests.Support;

/// <summary>How far a consumer group (a processor application id) is behind on a topic: high watermarks minus committed offsets.</summary>
public static class ConsumerGroupLag
{
    public static long Of(string bootstrapServers, string groupId, string topic, int partitions)
    {
        // Same group id, but never subscribes: it only asks the coordinator for the committed offsets.
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();
        var tps = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = consumer.Committed(tps, TimeSpan.FromSeconds(10)).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        return tps.Sum(tp =>
        {
            var high = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value;
            var done = committed.TryGetValue(tp.Partition.Value, out var offset) && offset >= 0 ? offset : 0;
            return Math.Max(0, high - done);
        });
    }
}
