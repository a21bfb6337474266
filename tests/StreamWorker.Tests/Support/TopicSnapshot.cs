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
            // The embedded broker answers a fetch with nothing new only after the whole wait: keep it short.
            FetchWaitMaxMs = 10,
        }).Build();

        // Every partition at once, each to the end it had when the snapshot began.
        var ids = metadata.Partitions.Select(p => p.PartitionId).Order().ToList();
        var partitions = ids.Select(_ => new List<Message<string?, byte[]>>()).ToList();
        var ends = ids.ToDictionary(id => id, id => consumer.QueryWatermarkOffsets(new TopicPartition(topic, id), TimeSpan.FromSeconds(5)).High.Value);
        var pending = ids.Where(id => ends[id] > 0).ToHashSet();
        consumer.Assign(pending.Select(id => new TopicPartitionOffset(new TopicPartition(topic, id), Offset.Beginning)));
        var deadline = DateTime.UtcNow + timeout;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || !pending.Contains(result.Partition.Value)) continue;
            if (!result.IsPartitionEOF && result.Offset.Value < ends[result.Partition.Value]) partitions[ids.IndexOf(result.Partition.Value)].Add(result.Message);

            // Transaction markers take offsets too, so "at the end" is the position, not the last record's offset.
            if (result.IsPartitionEOF || result.Offset.Value + 1 >= ends[result.Partition.Value]) pending.Remove(result.Partition.Value);
        }

        if (pending.Count > 0) throw new TimeoutException($"{topic} partitions {string.Join(", ", pending.Order())} not read to their ends within {timeout}");
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
