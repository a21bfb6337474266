using System.ComponentModel.DataAnnotations;

namespace StreamWorker.Kafka;

/// <summary>The development broker started when <c>Kafka:BootstrapServers</c> is empty.</summary>
public sealed class EmbeddedBrokerOptions
{
    /// <summary>Port of the first broker; further brokers take the following ports. 0 picks free ports (tests).</summary>
    [Range(0, 65535)] public int Port { get; set; } = 9092;

    /// <summary>Brokers in the cluster; exactly-once needs 3.</summary>
    [Range(1, 9)] public int Brokers { get; set; } = 1;
}
