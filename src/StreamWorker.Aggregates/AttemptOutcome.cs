namespace StreamWorker.Aggregates;

/// <summary>An attempt's outcome as last reported, and the version of that report.</summary>
public readonly record struct AttemptOutcome(DialoutOutcome Outcome, int Version);
