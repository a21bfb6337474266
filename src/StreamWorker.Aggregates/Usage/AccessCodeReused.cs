namespace StreamWorker.Aggregates.Usage;

/// <summary>For telemetry: a one-time access code was reused (a security signal), counted without naming the company.</summary>
public sealed record AccessCodeReused
{
    public static AccessCodeReused Instance { get; } = new();
}
