namespace StreamWorker.Aggregates;

/// <summary>
/// The company stage's state: per window, the outcome (and version) of each attempt. Counts are derived from it,
/// so a change replayed after a restart cannot count twice.
/// </summary>
public sealed class CompanyDialoutState
{
    public CompanyDialoutState(long companyId) => CompanyId = companyId;

    public long CompanyId { get; }

    /// <summary>Largest event time of the changes applied; old windows are dropped relative to it.</summary>
    public long LastEventTimeMs { get; set; } = long.MinValue;

    public SortedDictionary<long, Dictionary<string, AttemptOutcome>> Windows { get; } = [];
}
