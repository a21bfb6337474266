namespace StreamWorker.Aggregates.Common;

/// <summary>Window sizes, grace periods, the session timeout and state retention, in milliseconds, and the aggregates computed (docs/configuration.md).</summary>
public sealed record AggregateSettings(
    long ParticipantsWindowMs,
    long ChurnWindowMs,
    long DialoutWindowMs,
    long GraceMs,
    long DialoutGraceMs,
    long StateRetentionMs,
    long SessionTimeoutMs = 43_200_000,
    long UsageWindowMs = 86_400_000,
    long UsageGraceMs = 3_600_000,
    AggregateSet Aggregates = AggregateNames.All)
{
    /// <summary>
    /// The documented defaults (docs/configuration.md): 1, 5 and 15 minute windows, 2 and 15 minute grace, 24 hour
    /// retention, 12 hour session timeout, daily usage windows with 1 hour grace.
    /// </summary>
    public static AggregateSettings Default { get; } = new(60_000, 300_000, 900_000, 120_000, 900_000, 86_400_000);
}
