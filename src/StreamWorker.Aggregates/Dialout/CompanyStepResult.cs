namespace StreamWorker.Aggregates.Dialout;

/// <summary>What one attempt change or progress record did at the company stage.</summary>
/// <param name="Records">The window records to emit, in order: an update of the change's window, or the final records of the windows a progress record completed.</param>
public sealed record CompanyStepResult(IReadOnlyList<DialoutAnswerRateRecord> Records)
{
    public static CompanyStepResult None { get; } = new([]);

    /// <summary>The first record, or null (an attempt change emits at most one).</summary>
    public DialoutAnswerRateRecord? Record => Records.Count > 0 ? Records[0] : null;
}
