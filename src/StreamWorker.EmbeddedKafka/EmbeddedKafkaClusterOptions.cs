namespace StreamWorker.EmbeddedKafka;

/// <summary>How to start an <see cref="EmbeddedKafkaCluster"/>.</summary>
public sealed class EmbeddedKafkaClusterOptions
{
    /// <summary>
    /// Port of broker 1 on 127.0.0.1; broker n listens on <c>Port + n - 1</c>.
    /// 0 picks free ports (what tests should use).
    /// </summary>
    public int Port { get; set; } = 9092;

    /// <summary>Number of brokers (ids 1..Brokers). Use 3 for transactions that mirror production replication.</summary>
    public int Brokers { get; set; } = 1;

    /// <summary>Topics created before <see cref="EmbeddedKafkaCluster.Start"/> returns; the mock has no CreateTopics API.</summary>
    public IReadOnlyList<TopicSpec> Topics { get; set; } = [];
}
