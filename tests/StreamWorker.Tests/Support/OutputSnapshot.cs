using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace StreamWorker.Tests.Support;

/// <summary>
/// What an analytics consumer ends up with: the latest record per (key, <c>window_start</c> or a session's <c>started_at</c>) of each analytics
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

    public static OutputSnapshot Read(string bootstrapServers, ProcessorRunSettings run, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(run);
        var latest = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var read = 0;
        string[] kinds = ["participants", "churn", "dialout", "sessions", "usage"];
        for (var i = 0; i < run.AnalyticsTopics.Count; i++)
        {
            var records = TopicSnapshot.Read(bootstrapServers, run.AnalyticsTopics[i], timeout);
            read += records.Count;
            var identity = run.AnalyticsTopics[i] == run.Sessions ? "started_at" : "window_start";
            foreach (var ((key, windowStart), value) in TopicSnapshot.LatestByWindow(records, identity)) latest[$"{kinds[i]}|{key}|{windowStart}"] = value.ToJsonString();
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
