namespace StreamWorker.Aggregates.Companies;

/// <summary>What one attempt change, usage count or progress record did at the company stage.</summary>
/// <param name="Records">The window records to emit, in order: an update of the change's window, or the final records of the windows a progress record completed.</param>
public sealed record CompanyStepResult(IReadOnlyList<object> Records)
{
    public static CompanyStepResult None { get; } = new([]);

    /// <summary>The dial-out record, or null (an attempt change emits at most one).</summary>
    public DialoutAnswerRateRecord? Record => Records.OfType<DialoutAnswerRateRecord>().FirstOrDefault();

    /// <summary>The usage record, or null (a usage count emits at most one).</summary>
    public CompanyUsageRecord? UsageRecord => Records.OfType<CompanyUsageRecord>().FirstOrDefault();
}
