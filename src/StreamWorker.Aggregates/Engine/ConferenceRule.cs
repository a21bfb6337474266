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
    /// True: the rule keeps its windows per conference here, and the engine closes them (<see cref="WindowKey"/>,
    /// <see cref="Final"/>). False: the windows live in a later stage keyed otherwise, which closes them by
    /// watermark from the progress this stage announces (<see cref="ClosedWindows.ProgressMs"/>).
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
    public abstract object? Emitted(AggregateEvent e, RuleContext context, int note);

    /// <summary>The key of the rule's window of <paramref name="conference"/> at <paramref name="windowStart"/>.</summary>
    public virtual string WindowKey(long conference, long windowStart) => throw new NotSupportedException($"{Name} keeps no windows here");

    /// <summary>The final record of a closed window, from its stored value.</summary>
    public virtual object Final(StateValue window) => throw new NotSupportedException($"{Name} keeps no windows here");
}
