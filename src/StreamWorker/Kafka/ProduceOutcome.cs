namespace StreamWorker.Kafka;

/// <summary>What became of one produce: acknowledged by the in-sync replicas, or not (with why, bounded).</summary>
public readonly record struct ProduceOutcome(bool Acknowledged, string? ErrorType)
{
    public static ProduceOutcome Ok { get; } = new(true, null);

    public static ProduceOutcome Failed(string errorType) => new(false, errorType);
}
