using Confluent.Kafka;
using Microsoft.Extensions.Options;
using StreamWorker.EmbeddedKafka;

namespace StreamWorker.Kafka;

/// <summary>
/// The cluster every client of this process talks to: the configured Kafka, or, when
/// <c>Kafka:BootstrapServers</c> is empty, an embedded in-memory broker started here and
/// owned by this object (it is disposed after the clients that depend on it).
/// </summary>
public sealed partial class KafkaConnection : IDisposable
{
    private readonly EmbeddedKafkaCluster? _embedded;
    private readonly IReadOnlyDictionary<string, string> _clientProperties;

    public KafkaConnection(IOptions<KafkaOptions> options, TopicPlan plan, ILogger<KafkaConnection> logger)
    {
        var kafka = options.Value;
        _clientProperties = kafka.Client;
        if (kafka.UseEmbedded)
        {
            _embedded = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions
            {
                Port = kafka.Embedded.Port,
                Brokers = kafka.Embedded.Brokers,
                Topics = plan.Topics,
            });
            BootstrapServers = _embedded.BootstrapServers;
            LogEmbedded(logger, BootstrapServers, plan.Topics.Count);
        }
        else
        {
            BootstrapServers = kafka.BootstrapServers!;
        }
    }

    public string BootstrapServers { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>The embedded cluster, for tests that inject faults; null with real Kafka.</summary>
    public EmbeddedKafkaCluster? Embedded => _embedded;

    /// <summary>librdkafka properties from <c>Kafka:Client:*</c>, applied to every client.</summary>
    public IReadOnlyDictionary<string, string> ClientProperties => _clientProperties;

    public T Configure<T>(T config) where T : ClientConfig
    {
        foreach (var (key, value) in _clientProperties)
        {
            config.Set(key, value);
        }

        config.BootstrapServers = BootstrapServers;
        return config;
    }

    public void Dispose() => _embedded?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Kafka:BootstrapServers is empty: running an EMBEDDED, IN-MEMORY Kafka broker for development only. Data is lost on exit, and each partition keeps only about its last 5 MiB (older records are dropped: a processor that falls that far behind skips them, see streamworker.processor.records.skipped). Bootstrap servers: {BootstrapServers} (try: kcat -b <bootstrap> -L). {TopicCount} topics created.")]
    private static partial void LogEmbedded(ILogger logger, string bootstrapServers, int topicCount);
}
