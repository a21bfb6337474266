using Confluent.Kafka;

namespace StreamWorker.Tests.Support;

/// <summary>Reads a whole topic from the beginning with a real consumer, bounded in time.</summary>
public sealed class TopicReader(string bootstrapServers, string topic)
{
    public List<ConsumeResult<string?, byte[]>> ReadUntil(Func<IReadOnlyList<ConsumeResult<string?, byte[]>>, bool> done, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string?, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !done(records))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                records.Add(result);
            }
        }

        consumer.Close();
        return records;
    }

    /// <summary>Everything in the topic now: reads until every partition reported its end, and a quiet moment.</summary>
    public List<ConsumeResult<string?, byte[]>> ReadAll(TimeSpan quiet)
    {
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "test-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string?, byte[]>>();
        var lastActivity = DateTime.UtcNow;
        var hardDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow - lastActivity < quiet && DateTime.UtcNow < hardDeadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is not null)
            {
                records.Add(result);
                lastActivity = DateTime.UtcNow;
            }
        }

        consumer.Close();
        return records;
    }
}
