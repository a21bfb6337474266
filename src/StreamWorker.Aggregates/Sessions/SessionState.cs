namespace StreamWorker.Aggregates.Sessions;

/// <summary>
/// A conference's current or last session under <c>s/&lt;conference&gt;</c>: its number (its queue items and ended record
/// name it), the input offset of the event that opened it (members and attempts written at or after it belong to it),
/// whether it is open, its clock, the sizes of its participant and viewer sets, what is switched on, and its record
/// as last emitted. Once ended it stays (its record's end remembered for the lateness of the next opening event)
/// until the next session replaces it or the conference's retention ends. Its size does not depend on the
/// conference's size.
/// </summary>
public sealed record SessionState(
    long Offset,
    int Sequence,
    long StartOffset,
    bool Open,
    long ClockMs,
    int Present,
    int PresentViewers,
    SessionActivity On,
    SessionRecord Record) : StateValue(Offset);
