using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace StreamWorker.Tests.Support;

/// <summary>
/// Every committed record of a topic up to its current end, partition by partition in offset order, without a
/// consumer group's position; and what an analytics consumer keeps of an output topic: the latest record per
/// (key, <c>window_start</c>).
/// </summary>
public static class TopicSnapshot
{
    /// <summary>The records of every partition, in partition order, each in offset order.</summary>
    public static List<Message<string?, byte[]>> Read(string bootstrapServers, string topic, TimeSpan timeout) =>
        [.. ReadPartitions(bootstrapServers, topic, timeout).SelectMany(p => p)];

    /// <summary>One list per partition (by partition id), each in offset order; throws when a partition is not read to its end in time.</summary>
    public static List<List<Message<string?, byte[]>>> ReadPartitions(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.FirstOrDefault(t => t.Topic == topic);
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0) return [];

        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "snapshot-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = IsolationLevel.ReadCommitted,
        }).Build();
        var partitions = new List<List<Message<string?, byte[]>>>();
        foreach (var partition in metadata.Partitions.Select(p => p.PartitionId).Order())
        {
            var records = new List<Message<string?, byte[]>>();
            partitions.Add(records);
            var topicPartition = new TopicPartition(topic, partition);
            var end = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(5)).High.Value;
            if (end == 0) continue;
            consumer.Assign(new TopicPartitionOffset(topicPartition, Offset.Beginning));
            var deadline = DateTime.UtcNow + timeout;
            var done = false;
            while (!done && DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is null) continue;
                if (!result.IsPartitionEOF) records.Add(result.Message);

                // Transaction markers take offsets too, so "at the end" is the position, not the last record's offset.
                done = result.IsPartitionEOF || result.Offset.Value + 1 >= end;
            }

            consumer.Unassign();
            if (!done) throw new TimeoutException($"{topic} partition {partition} not read to its end ({end}) within {timeout}");
        }

        return partitions;
    }

    /// <summary>
    /// The latest record per (key, window_start) of an analytics topic's records, in read order; <paramref name="windowField"/>
    /// names the field that tells one record of a key from another (<c>started_at</c> for sessions).
    /// </summary>
    public static Dictionary<(string Key, string WindowStart), JsonObject> LatestByWindow(IEnumerable<Message<string?, byte[]>> records, string windowField = "window_start")
    {
        ArgumentNullException.ThrowIfNull(records);
        var latest = new Dictionary<(string, string), JsonObject>();
        foreach (var record in records)
        {
            var value = JsonNode.Parse(record.Value)!.AsObject();
            latest[(record.Key ?? string.Empty, value[windowField]!.GetValue<string>())] = value;
        }

        return latest;
    }
}
