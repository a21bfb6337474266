namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// A rule whose windows are kept per conference in this stage: each window's current record is stored under
/// <c>&lt;prefix&gt;/&lt;conference&gt;/&lt;window start&gt;</c> as it is emitted, queued for close when first written,
/// emitted after every event applied to it while open, and emitted once more, final, when it closes.
/// </summary>
/// <typeparam name="TRecord">The window's output record.</typeparam>
public abstract class WindowedRule<TRecord> : ConferenceRule
    where TRecord : class
{
    private TimeBuckets? closeQueue;

    /// <summary>The key prefix of the rule's windows (never changed once state exists).</summary>
    protected abstract string WindowPrefix { get; }

    /// <summary>The windows to close, by window start (drained once a commit has stored the drain).</summary>
    private TimeBuckets CloseQueue => closeQueue ??= new TimeBuckets(StateKeys.CloseQueue(Name), WindowMs, deferDrained: true);

    public string WindowKey(long conference, long windowStart) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{WindowPrefix}/{conference}/{windowStart}");

    /// <summary>The window's record while its window is open; null once it is closed (its final record carries it).</summary>
    public override object? Emitted(AggregateEvent e, RuleContext context, int note)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var start = TumblingWindow.StartOf(e.TimeMs, WindowMs);
        return TumblingWindow.IsClosed(start, WindowMs, GraceMs, context.StreamTimeMs) ? null : context.Get<WindowValue<TRecord>>(WindowKey(e.ConferenceId, start))?.Record;
    }

    /// <summary>The event's window has closed and its final record is committed (the window's key is gone).</summary>
    public override bool ReplayedIntoClosed(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var start = WindowOf(e, context);
        return TumblingWindow.IsClosed(start, WindowMs, GraceMs, context.StreamTimeMs) && context.Get<StateValue>(WindowKey(e.ConferenceId, start)) is null;
    }

    public override void Apply(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var start = TumblingWindow.StartOf(e.TimeMs, WindowMs);
        var key = WindowKey(e.ConferenceId, start);
        var current = context.Get<WindowValue<TRecord>>(key)?.Record;
        if (current is null) CloseQueue.Enqueue(context.Scope, start, StateKeys.Id(e.ConferenceId));
        context.Put(key, new WindowValue<TRecord>(0, Apply(e, context, current ?? NewWindow(e, context, start))));
    }

    /// <summary>Emits the final record of every window closed at the new stream time, and deletes it once that is committed.</summary>
    public override void Advance(StreamTimeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        CloseQueue.Drain(context.Scope, TumblingWindow.StartOf(context.StreamTimeMs - WindowMs - GraceMs, WindowMs), (start, conference) =>
        {
            var key = WindowKey(StateKeys.ParseId(conference), start);
            if (context.Get<WindowValue<TRecord>>(key) is not { } window) return;
            context.Final(AsFinal(window.Record));
            context.DeleteAfterCommit(key);
        });
    }

    public override void Reset() => CloseQueue.Reset();

    /// <summary>The record of a window opened by <paramref name="e"/> (carried-in counts from the conference's presence sets).</summary>
    protected abstract TRecord NewWindow(AggregateEvent e, RuleContext context, long windowStart);

    /// <summary>The window's record after <paramref name="e"/>.</summary>
    protected abstract TRecord Apply(AggregateEvent e, RuleContext context, TRecord window);

    /// <summary>The record marked final.</summary>
    protected abstract TRecord AsFinal(TRecord record);
}
