using System.Diagnostics;
using Confluent.Kafka;

namespace StreamWorker.EmbeddedKafka.Tests.Support;

/// <summary>Real Confluent.Kafka clients configured for a test cluster, with bounded waits.</summary>
internal static class KafkaTestClients
{
    public static readonly TimeSpan ConsumeTimeout = TimeSpan.FromSeconds(20);

    public static IProducer<string, string> Producer(string bootstrapServers, Action<ProducerConfig>? configure = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 0,
            MessageTimeoutMs = 10_000,
        };
        configure?.Invoke(config);
        return new ProducerBuilder<string, string>(config).Build();
    }

    public static IConsumer<string, string> Consumer(string bootstrapServers, string groupId, Action<ConsumerConfig>? configure = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
        };
        configure?.Invoke(config);
        return new ConsumerBuilder<string, string>(config).Build();
    }

    /// <summary>
    /// Reads <paramref name="count"/> records from <paramref name="topic"/> with a consumer group, or fewer if the time runs out.
    /// With a <paramref name="quietPeriod"/>, keeps reading that long afterwards so unexpected extra records show up too.
    /// </summary>
    public static List<ConsumeResult<string, string>> ConsumeFromGroup(
        string bootstrapServers, string topic, int count, Action<ConsumerConfig>? configure = null, TimeSpan quietPeriod = default)
    {
        using var consumer = Consumer(bootstrapServers, $"group-{Guid.NewGuid():N}", configure);
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string, string>>();
        var clock = Stopwatch.StartNew();
        while (records.Count < count && clock.Elapsed < ConsumeTimeout)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is not null && !record.IsPartitionEOF)
            {
                records.Add(record);
            }
        }

        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < quietPeriod)
        {
            var extra = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (extra is not null && !extra.IsPartitionEOF)
            {
                records.Add(extra);
            }
        }

        consumer.Close();
        return records;
    }

    public static Message<string, string> Message(string key, string value, params (string Name, string Value)[] headers)
    {
        var message = new Message<string, string> { Key = key, Value = value, Headers = [] };
        foreach (var (name, headerValue) in headers)
        {
            message.Headers.Add(name, System.Text.Encoding.UTF8.GetBytes(headerValue));
        }

        return message;
    }
}
