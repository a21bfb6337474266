namespace StreamWorker.Aggregates;

/// <summary>
/// An <c>event_id</c> the conference stage has processed, kept with its conference: the input offset where it was
/// first read, its event time (for retention) and the aggregates that applied it. The same offset read again is a
/// replay after a restart (applied again key by key); another offset is a re-delivery (a duplicate).
/// <paramref name="AttemptSequence"/> is the dial-out attempt the event applied to (0: none), so a replay re-emits
/// that attempt's change even after later events started another.
/// </summary>
public sealed record SeenEvent(long Offset, long FirstOffset, long TimeMs, AggregateSet ProcessedBy, int AttemptSequence = 0) : StateValue(Offset);
