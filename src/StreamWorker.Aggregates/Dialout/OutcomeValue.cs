namespace StreamWorker.Aggregates.Dialout;

/// <summary>The company stage's view of one attempt in one window: its outcome as last reported, and that report's version.</summary>
public sealed record OutcomeValue(long Offset, DialoutOutcome Outcome, int Version) : StateValue(Offset);
