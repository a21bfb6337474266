namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// An <c>event_id</c> the conference stage has processed, kept with its conference: the input offset where it was
/// first read, its event time (for retention) and the aggregates that applied it. The same offset read again is a
/// replay after a restart (applied again key by key); another offset is a re-delivery (a duplicate).
/// <paramref name="Note"/> is what a rule keeps of its first decision (<see cref="ConferenceRule.NoteOf"/>; 0: none),
/// so that a replay repeats it even after later events moved the rule's state on.
/// </summary>
public sealed record SeenEvent(long Offset, long FirstOffset, long TimeMs, AggregateSet ProcessedBy, int Note = 0, long? CompanyId = null) : StateValue(Offset);
