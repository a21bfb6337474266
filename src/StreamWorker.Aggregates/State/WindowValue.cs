namespace StreamWorker.Aggregates;

/// <summary>
/// The current record of one open window (participants, churn or dial-out), stored as it is emitted, so an event
/// costs one small read and write however large the conference. <see cref="ListedKeys"/> counts the dial-out
/// window's attempt list (0 elsewhere).
/// </summary>
public sealed record WindowValue<TRecord>(long Offset, TRecord Record, int ListedKeys = 0) : StateValue(Offset)
    where TRecord : class;
