namespace StreamWorker.Aggregates.Usage;

/// <summary>
/// The company stage's record of one usage window: the record as emitted, the offset of the last count taken from
/// each events partition (a count at or before it was taken already), and whether the window is complete (its final
/// record emitted). One key per company and day, a few hundred bytes, whatever the company's size.
/// </summary>
public sealed record UsageWindowValue(long Offset, CompanyUsageRecord Record, IReadOnlyList<long> SourceOffsets, bool IsComplete) : StateValue(Offset);
