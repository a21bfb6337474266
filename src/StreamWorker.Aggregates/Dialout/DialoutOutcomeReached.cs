namespace StreamWorker.Aggregates.Dialout;

/// <summary>An attempt reached a final <paramref name="Outcome"/> with this event: a signal for the outcome metric.</summary>
public sealed record DialoutOutcomeReached(DialoutOutcome Outcome);
