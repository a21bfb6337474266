namespace StreamWorker.Aggregates.Common;

/// <summary>Window sizes, grace periods and state retention, in milliseconds (docs/configuration.md).</summary>
public sealed record AggregateSettings(
    long ParticipantsWindowMs,
    long ChurnWindowMs,
    long DialoutWindowMs,
    long GraceMs,
    long DialoutGraceMs,
    long StateRetentionMs)
{
    /// <summary>The documented defaults (docs/configuration.md): 1, 5 and 15 minute windows, 2 and 15 minute grace, 24 hour retention.</summary>
    public static AggregateSettings Default { get; } = new(60_000, 300_000, 900_000, 120_000, 900_000, 86_400_000);
}
