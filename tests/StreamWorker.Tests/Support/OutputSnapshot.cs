using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace StreamWorker.Tests.Support;

/// <summary>
/// What an analytics consumer ends up with: the latest record per (key, <c>window_start</c>) of each analytics
/// topic of a run, plus the number of records read. Read by assigning every partition and reading to its end.
/// </summary>
public sealed class OutputSnapshot
{
    private OutputSnapshot(SortedDictionary<string, string> latest, int recordsRead)
    {
        Latest = latest;
        RecordsRead = recordsRead;
    }

    /// <summary>"kind|key|window_start" → the record's JSON text.</summary>
    public SortedDictionary<string, string> Latest { get; }

    public int RecordsRead { get; }

    public static OutputSnapshot Read(string bootstrapServers, ProcessorRunSettings run, int partitions, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(run);
        var latest = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var read = 0;
        string[] kinds = ["participants", "churn", "dialout"];
        for (var i = 0; i < run.AnalyticsTopics.Count; i++)
        {
            foreach (var record in ReadAll(bootstrapServers, run.AnalyticsTopics[i], partitions, timeout))
            {
                read++;
                var windowStart = JsonNode.Parse(record.Value)!["window_start"]!.GetValue<string>();
                latest[$"{kinds[i]}|{record.Key}|{windowStart}"] = Encoding.UTF8.GetString(record.Value);
            }
        }

        return new OutputSnapshot(latest, read);
    }

    /// <summary>Sum of the high watermarks of a topic: a cheap "how much output so far".</summary>
    public static long HighWatermarks(string bootstrapServers, string topic, int partitions)
    {
        using var consumer = NewConsumer(bootstrapServers);
        return Enumerable.Range(0, partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value);
    }

    /// <summary>The keys whose records differ (or exist on one side only), for a failure message.</summary>
    public IReadOnlyList<string> Differences(OutputSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Latest.Keys.Union(other.Latest.Keys)
            .Where(k => !Latest.TryGetValue(k, out var mine) || !other.Latest.TryGetValue(k, out var theirs) || mine != theirs)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public string Describe(OutputSnapshot other, int max = 400) =>
        string.Join('\n', Differences(other).Take(max).Select(k =>
            $"{k}\n  this:  {Latest.GetValueOrDefault(k, "(none)")}\n  other: {other.Latest.GetValueOrDefault(k, "(none)")}"));

    /// <summary>Every committed record of a topic now, read partition by partition to its end.</summary>
    public static List<Message<string?, byte[]>> ReadAll(string bootstrapServers, string topic, int partitions, TimeSpan timeout)
    {
        using var consumer = NewConsumer(bootstrapServers);
        var ends = new Dictionary<int, long>();
        for (var p = 0; p < partitions; p++)
        {
            ends[p] = consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value;
        }

        consumer.Assign(ends.Keys.Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var messages = new List<Message<string?, byte[]>>();
        var open = ends.Where(e => e.Value > 0).Select(e => e.Key).ToHashSet();
        var deadline = DateTime.UtcNow + timeout;
        while (open.Count > 0 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null) continue;
            var partition = result.Partition.Value;
            if (!result.IsPartitionEOF) messages.Add(result.Message);

            // Transaction markers take offsets too, so "at the end" is the position, not the last record's offset.
            if (result.IsPartitionEOF || result.Offset.Value + 1 >= ends[partition]) open.Remove(partition);
        }

        consumer.Close();
        return open.Count == 0 ? messages : throw new TimeoutException($"{topic}: partitions {string.Join(",", open)} not read to the end within {timeout}");
    }

    private static IConsumer<string?, byte[]> NewConsumer(string bootstrapServers) =>
        new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "snapshot-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = IsolationLevel.ReadCommitted,
        }).Build();
}
