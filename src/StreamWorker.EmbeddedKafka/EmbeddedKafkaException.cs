namespace StreamWorker.EmbeddedKafka;

/// <summary>The embedded Kafka broker could not start or could not carry out a request.</summary>
public sealed class EmbeddedKafkaException : Exception
{
    public EmbeddedKafkaException()
    {
    }

    public EmbeddedKafkaException(string message)
        : base(message)
    {
    }

    public EmbeddedKafkaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
