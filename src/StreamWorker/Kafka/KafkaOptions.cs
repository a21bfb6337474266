using System.ComponentModel.DataAnnotations;

namespace StreamWorker.Kafka;

/// <summary>Where Kafka is. Bound from <c>Kafka</c>; an empty bootstrap list selects the embedded broker.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Real Kafka bootstrap list; empty starts the in-memory development broker.</summary>
    public string? BootstrapServers { get; set; }

    /// <summary>librdkafka properties passed to every client (TLS, SASL, ...).</summary>
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.Ordinal);

    [Required] public EmbeddedBrokerOptions Embedded { get; set; } = new();

    public bool UseEmbedded => string.IsNullOrWhiteSpace(BootstrapServers);
}
