using Confluent.Kafka;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>Every record of a topic up to its current end, partition by partition in offset order, without a consumer group.</summary>
public static class TopicSnapshot
{
    public static List<Message<string?, byte[]>> Read(string bootstrapServers, string topic, TimeSpan timeout) =>
        [.. ReadPartitions(bootstrapServers, topic, timeout).SelectMany(p => p)];

    /// <summary>Every record of every partition of a topic, one list per partition (by partition id), each in offset order.</summary>
    public static List<List<Message<string?, byte[]>>> ReadPartitions(string bootstrapServers, string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.FirstOrDefault(t => t.Topic == topic);
        var partitions = new List<List<Message<string?, byte[]>>>();
        if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
        {
            return partitions;
        }

        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "oracle-snapshot-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        foreach (var partition in metadata.Partitions.OrderBy(p => p.PartitionId))
        {
            var records = new List<Message<string?, byte[]>>();
            partitions.Add(records);
            var topicPartition = new TopicPartition(topic, partition.PartitionId);
            var end = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(5)).High;
            if (end.Value == 0)
            {
                continue;
            }

            consumer.Assign(new TopicPartitionOffset(topicPartition, Offset.Beginning));
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is null)
                {
                    continue;
                }

                if (!result.IsPartitionEOF)
                {
                    records.Add(result.Message);
                }

                if (result.Offset.Value + 1 >= end.Value || (result.IsPartitionEOF && result.Offset.Value >= end.Value))
                {
                    break;
                }
            }

            consumer.Unassign();
        }

        return partitions;
    }

    /// <summary>The latest record per (key, window_start) of an analytics topic's records, in read order.</summary>
    public static Dictionary<(string Key, string WindowStart), System.Text.Json.Nodes.JsonObject> LatestByWindow(List<Message<string?, byte[]>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var latest = new Dictionary<(string, string), System.Text.Json.Nodes.JsonObject>();
        foreach (var record in records)
        {
            var value = System.Text.Json.Nodes.JsonNode.Parse(record.Value)!.AsObject();
            latest[(record.Key ?? string.Empty, value["window_start"]!.GetValue<string>())] = value;
        }

        return latest;
    }
}
