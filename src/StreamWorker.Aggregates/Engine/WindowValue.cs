namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The current record of one open participants or churn window, stored as it is emitted, so an event costs one
/// small read and write however large the conference.
/// </summary>
public sealed record WindowValue<TRecord>(long Offset, TRecord Record) : StateValue(Offset)
    where TRecord : class;
