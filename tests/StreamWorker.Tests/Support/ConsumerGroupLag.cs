using Confluent.Kafka;

namespace StreamWorker.Tests.Support;

/// <summary>Where a consumer group (a processor application id) stands on a topic: committed offsets and high watermarks per partition.</summary>
public static class ConsumerGroupLag
{
    /// <summary>Records not yet committed by the group, summed over the partitions.</summary>
    public static long Of(string bootstrapServers, string groupId, string topic, int partitions)
    {
        var (committed, high) = Positions(bootstrapServers, groupId, topic, partitions);
        return Enumerable.Range(0, partitions).Sum(p => Math.Max(0, high[p] - committed[p]));
    }

    /// <summary>Per partition: the committed offset (0 when none) and the high watermark.</summary>
    public static (long[] Committed, long[] High) Positions(string bootstrapServers, string groupId, string topic, int partitions)
    {
        // Same group id, but never subscribes: it only asks the coordinator for the committed offsets.
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();
        var tps = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        var committed = new long[partitions];
        foreach (var c in consumer.Committed(tps, TimeSpan.FromSeconds(10)))
        {
            committed[c.Partition.Value] = Math.Max(0, c.Offset.Value);
        }

        var high = tps.Select(tp => consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value).ToArray();
        return (committed, high);
    }
}
