namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// One aggregate keyed by conference, as the <see cref="ConferenceEngine"/> runs it. The engine owns what every
/// aggregate shares (stream time, duplicates, replays, lateness and dead letters, window close, retention); a rule
/// says which events it consumes, which window an event counts in, what an event changes in the rule's own keys, and
/// what to emit. A rule reads and writes state only through its <see cref="RuleContext"/>.
/// </summary>
public abstract class ConferenceRule
{
    /// <summary>A short name, used in key prefixes (the close queue) and never changed once state exists.</summary>
    public abstract string Name { get; }

    /// <summary>The rule's flag in a seen event's <see cref="SeenEvent.ProcessedBy"/>.</summary>
    public abstract AggregateSet Aggregate { get; }

    public abstract long WindowMs { get; }

    public abstract long GraceMs { get; }

    /// <summary>
    /// True: the rule keeps what it emits per conference here and closes it in <see cref="Advance"/>. False: its windows
    /// live in a later stage keyed otherwise (by company), which closes them by watermark from the progress this stage
    /// announces (<see cref="ClosedWindows.ProgressMs"/>) whenever its stream time passes the end plus grace of one more
    /// window of <see cref="WindowMs"/>.
    /// </summary>
    public virtual bool ClosesWindowsHere => true;

    /// <summary>The names of the presence sets the rule keeps per conference (counted in the summary).</summary>
    public virtual IReadOnlyList<string> PresenceSets => [];

    public abstract bool Consumes(AggregateEventKind kind);

    /// <summary>The start of the window <paramref name="e"/> counts in, for lateness (it may depend on the rule's state).</summary>
    public virtual long WindowOf(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        return TumblingWindow.StartOf(e.TimeMs, WindowMs);
    }

    /// <summary>
    /// True when <paramref name="e"/> is late for the rule (docs/aggregates.md): it changes nothing of the rule's and is
    /// dead-lettered. By default, when the window of <see cref="WindowOf"/> is closed at the context's stream time.
    /// </summary>
    public virtual bool IsLate(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return TumblingWindow.IsClosed(WindowOf(e, context), WindowMs, GraceMs, context.StreamTimeMs);
    }

    /// <summary>
    /// True when <paramref name="e"/>, read again after a restart, belongs to something of the rule that has closed and
    /// is gone from the store: the event was committed with it, and applying it again would start it afresh.
    /// </summary>
    public virtual bool ReplayedIntoClosed(AggregateEvent e, RuleContext context) => false;

    /// <summary>A number kept with the event's seen entry before it is applied, handed back to <see cref="Emitted"/> on a replay.</summary>
    public virtual int NoteOf(AggregateEvent e, RuleContext context) => 0;

    /// <summary>
    /// Applies <paramref name="e"/> to the rule's keys. Each value is computed from what the keys held before the event;
    /// <see cref="RuleContext.Put"/> writes it now, <see cref="RuleContext.PutLast"/> after the summary (for the keys
    /// other values are computed from), so a replay after a crash between two writes finds its inputs unchanged.
    /// </summary>
    public abstract void Apply(AggregateEvent e, RuleContext context);

    /// <summary>
    /// What to emit for <paramref name="e"/>, read from the store after <see cref="Apply"/> (or, on a replay, as the
    /// first pass left it); null when nothing (its window is closed: the final record carries it).
    /// </summary>
    public virtual object? Emitted(AggregateEvent e, RuleContext context, int note) => null;

    /// <summary>Adds what to emit for <paramref name="e"/> to <paramref name="outputs"/>: by default <see cref="Emitted"/>, when not null.</summary>
    public virtual void Emit(AggregateEvent e, RuleContext context, int note, List<object> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (Emitted(e, context, note) is { } output) outputs.Add(output);
    }

    /// <summary>Stream time has moved forward: closes what is due (final records, ends by time) through <paramref name="context"/>.</summary>
    public virtual void Advance(StreamTimeContext context)
    {
    }

    /// <summary>Forgets what the rule holds in memory (queue positions), as a restart does.</summary>
    public virtual void Reset()
    {
    }
}
