namespace StreamWorker.Aggregates;

/// <summary>
/// The dial-out answer rate per company and window, for one partition of the attempt changes (repartitioned by
/// company). Keeps per window the outcome of each attempt under its own key and the window's record under
/// another, so a change costs the same in a window of five attempts and of five thousand, and a replayed or
/// stale change (by version) cannot count twice. A window is complete, with its final record, when every events
/// partition that sent attempts to it has said that its stream time closed it. Pure, like <see cref="ConferenceStage"/>.
/// </summary>
public sealed class CompanyDialoutStage
{
    private readonly AggregateSettings settings;
    private readonly StageScope scope;
    private readonly TimeBuckets drop;
    private long? streamTime;
    private long restoredThrough = -1;

    public CompanyDialoutStage(AggregateSettings settings, IStageStore store)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        scope = new StageScope(store);
        drop = new TimeBuckets("q/drop", settings.DialoutWindowMs, deferDrained: false);
    }

    public void Reset()
    {
        streamTime = null;
        restoredThrough = -1;
        drop.Reset();
    }

    /// <summary>
    /// Records the attempt's outcome in its window and returns the window's record; nothing when the change is not
    /// newer than what the window holds. A notice that a partition has closed the window returns the window's final
    /// record once every partition that sent attempts to it has closed it. A change read again after a restart
    /// returns the window's stored record.
    /// </summary>
    public CompanyStepResult Apply(DialoutAttemptChange change, long offset)
    {
        ArgumentNullException.ThrowIfNull(change);
        scope.Begin(offset);
        AdvanceTo(Math.Max(CurrentStreamTime(), change.EventTimeMs));
        var result = change.ClosesWindow ? Close(change) : Count(change);
        scope.Put(StateKeys.StreamTime, new MarkValue(0, CurrentStreamTime()));
        return result;
    }

    private CompanyStepResult Close(DialoutAttemptChange notice)
    {
        var windowKey = StateKeys.DialoutWindow(notice.CompanyId, notice.WindowStartMs);
        if (scope.Get<CompanyWindowValue>(windowKey) is not { } window) return new CompanyStepResult(null);
        var closed = window.ClosedSources.Contains(notice.Source) ? window : window with { ClosedSources = [.. window.ClosedSources, notice.Source] };
        if (!window.IsComplete) scope.Put(windowKey, closed);
        if (!closed.IsComplete) return new CompanyStepResult(null);

        // Complete: the final record, then the attempts' outcomes go once this is committed. The window's own small
        // value stays (complete) until its retention, so that changes read again after a restart find it complete
        // instead of starting the window afresh without the partitions that had contributed.
        if (!window.IsComplete || scope.WrittenBefore(windowKey))
        {
            var list = StateKeys.Outcomes(notice.CompanyId, notice.WindowStartMs);
            foreach (var key in KeyList.Items(scope.Store, list, closed.ListedKeys).ToList()) scope.DeleteAfterCommit(key);
            foreach (var key in KeyList.ChunkKeys(list, closed.ListedKeys)) scope.DeleteAfterCommit(key);
            return new CompanyStepResult(closed.Record with { Final = true });
        }

        return new CompanyStepResult(null);
    }

    private CompanyStepResult Count(DialoutAttemptChange change)
    {
        var windowKey = StateKeys.DialoutWindow(change.CompanyId, change.WindowStartMs);
        var window = scope.Get<CompanyWindowValue>(windowKey);
        var replayed = scope.WrittenBefore(windowKey);

        // Read again from before the restored progress (offsets not committed with the state, as under exactly_once
        // on the embedded broker), a change whose window is gone was counted in it before it went final and was dropped.
        if (window is null && scope.Offset <= restoredThrough) return new CompanyStepResult(null);
        if (window is { IsComplete: true }) return new CompanyStepResult(null, Late: !replayed);
        var outcomeKey = StateKeys.Outcome(change.CompanyId, change.WindowStartMs, change.AttemptKey);
        var known = scope.Get<OutcomeValue>(outcomeKey);
        if (known is not null && known.Version >= change.Version) return new CompanyStepResult(replayed ? window!.Record : null);

        // Written in the order chunk, window, outcome: each is computed from keys written after it (docs/topology.md).
        if (window is null) drop.Enqueue(scope, change.WindowStartMs, StateKeys.Id(change.CompanyId));
        var listed = window?.ListedKeys ?? 0;
        if (known is null) KeyList.Append(scope, StateKeys.Outcomes(change.CompanyId, change.WindowStartMs), listed++, outcomeKey);
        var counts = Counts.Of(window?.Record);
        if (known is not null) counts.Add(known.Outcome, -1);
        counts.Add(change.Outcome, +1);
        var record = counts.Record(change.CompanyId, change.WindowStartMs, change.WindowStartMs + settings.DialoutWindowMs);
        var sources = window?.Sources ?? [];
        if (!sources.Contains(change.Source)) sources = [.. sources, change.Source];
        scope.Put(windowKey, new CompanyWindowValue(0, record, listed, sources, window?.ClosedSources ?? []));
        scope.Put(outcomeKey, new OutcomeValue(0, change.Outcome, change.Version));

        // On a replay the window may already hold this change (it is written before the outcome): its stored record counts it once.
        return new CompanyStepResult(scope.Get<CompanyWindowValue>(windowKey)!.Record);
    }

    /// <summary>
    /// Drops windows whose retention has passed. The conference stage stops sending changes for a window once it
    /// closes; the extra retention covers changes from partitions whose stream time lags behind.
    /// </summary>
    private void AdvanceTo(long now)
    {
        if (now > CurrentStreamTime())
        {
            streamTime = now;
            scope.Put(StateKeys.StreamTime, new MarkValue(0, now));
        }

        var horizon = settings.DialoutWindowMs + settings.DialoutGraceMs + settings.StateRetentionMs;
        drop.Drain(scope, TumblingWindow.StartOf(now - horizon, settings.DialoutWindowMs), (start, id) =>
        {
            var company = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
            var windowKey = StateKeys.DialoutWindow(company, start);
            if (scope.Get<CompanyWindowValue>(windowKey) is not { } window) return;
            var list = StateKeys.Outcomes(company, start);
            foreach (var key in KeyList.Items(scope.Store, list, window.ListedKeys).ToList()) scope.Store.Delete(key);
            foreach (var key in KeyList.ChunkKeys(list, window.ListedKeys)) scope.Store.Delete(key);
            scope.Store.Delete(windowKey);
        });
    }

    private long CurrentStreamTime()
    {
        if (streamTime is { } known) return known;
        var progress = scope.Store.Read(StateKeys.StreamTime) as MarkValue;
        restoredThrough = progress?.Offset ?? -1;
        return (streamTime = progress?.Value ?? long.MinValue).Value;
    }

    /// <summary>The outcome counts of one window, derived from the attempts' outcomes.</summary>
    private sealed class Counts
    {
        private readonly int[] byOutcome = new int[Enum.GetValues<DialoutOutcome>().Length];

        public static Counts Of(DialoutAnswerRateRecord? r)
        {
            var c = new Counts();
            if (r is null) return c;
            c.byOutcome[(int)DialoutOutcome.Pending] = r.Pending;
            c.byOutcome[(int)DialoutOutcome.Answered] = r.Answered;
            c.byOutcome[(int)DialoutOutcome.Rejected] = r.Rejected;
            c.byOutcome[(int)DialoutOutcome.NoAnswer] = r.NoAnswer;
            c.byOutcome[(int)DialoutOutcome.Cancelled] = r.Cancelled;
            c.byOutcome[(int)DialoutOutcome.NotEnabled] = r.NotEnabled;
            return c;
        }

        public void Add(DialoutOutcome outcome, int n) => byOutcome[(int)outcome] += n;

        public DialoutAnswerRateRecord Record(long company, long start, long end)
        {
            int N(DialoutOutcome o) => byOutcome[(int)o];
            var decided = N(DialoutOutcome.Answered) + N(DialoutOutcome.Rejected) + N(DialoutOutcome.NoAnswer) + N(DialoutOutcome.Cancelled);
            return new DialoutAnswerRateRecord(
                company, start, end, byOutcome.Sum(),
                N(DialoutOutcome.Answered), N(DialoutOutcome.Rejected), N(DialoutOutcome.NoAnswer), N(DialoutOutcome.Cancelled),
                N(DialoutOutcome.NotEnabled), N(DialoutOutcome.Pending),
                decided == 0 ? null : (double)N(DialoutOutcome.Answered) / decided);
        }
    }
}
