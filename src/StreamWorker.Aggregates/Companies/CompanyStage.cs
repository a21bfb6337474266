namespace StreamWorker.Aggregates.Companies;

/// <summary>
/// The windows kept per company, for one partition of the company changes (repartitioned by company): the dial-out
/// answer rate and company usage. A dial-out window keeps the outcome of each attempt under its own key and the
/// window's record under another, so a change costs the same in a window of five attempts and of five thousand, and a
/// replayed or stale change (by version) cannot count twice. A usage window is one key holding its counts and, per
/// events partition, the offset of the last event counted, so a count sent again is recognised.
/// <para>
/// Windows close by watermark: every events partition sends its stream time (a progress record) to every company
/// partition, after the changes it sent before; a window is complete, with its final record, once the lowest
/// stream time over all events partitions has reached its end plus grace. An events partition sends a change
/// only while its own stream time has not closed the change's window, so no change can reach a complete window
/// except one read again after a restart, which was counted before. Pure, like <see cref="ConferenceEngine"/>.
/// </para>
/// </summary>
public sealed partial class CompanyStage
{
    private readonly AggregateSettings settings;
    private readonly StageScope scope;
    private readonly TimeBuckets drop;
    private readonly TimeBuckets close;
    private readonly TimeBuckets usageDrop;
    private readonly TimeBuckets usageClose;
    private long? streamTime;
    private long restoredThrough = -1;

    public CompanyStage(AggregateSettings settings, IStageStore store)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        scope = new StageScope(store);
        drop = new TimeBuckets("q/drop", settings.DialoutWindowMs, deferDrained: false);
        close = new TimeBuckets("q/close", settings.DialoutWindowMs, deferDrained: true);
        usageDrop = new TimeBuckets("q/drop-u", settings.UsageWindowMs, deferDrained: false);
        usageClose = new TimeBuckets("q/close-u", settings.UsageWindowMs, deferDrained: true);
    }

    public void Reset()
    {
        streamTime = null;
        restoredThrough = -1;
        drop.Reset();
        close.Reset();
        usageDrop.Reset();
        usageClose.Reset();
    }

    /// <summary>
    /// An attempt change: records the attempt's outcome in its window and returns the window's record; nothing when
    /// the change is not newer than what the window holds, or its window is complete. A usage count: counts it in its
    /// window and returns the window's record; nothing when it was counted before. A progress record: returns the
    /// final records of the windows it completes. A record read again after a restart returns what it returned the
    /// first time (the window's stored record, or the final records again).
    /// </summary>
    public CompanyStepResult Apply(CompanyChange change, long offset)
    {
        ArgumentNullException.ThrowIfNull(change);
        (scope.Store as CachingStageStore)?.FlushIfFull();
        scope.Begin(offset);
        AdvanceTo(Math.Max(CurrentStreamTime(), change.EventTimeMs));
        var result = change switch
        {
            DialoutAttemptChange { IsProgress: true } progress => Progress(progress),
            DialoutAttemptChange attempt => Count(attempt),
            UsageCount usage => Count(usage),
            _ => throw new ArgumentException($"no company stage rule for {change.GetType().Name}", nameof(change)),
        };
        scope.Put(StateKeys.StreamTime, new MarkValue(0, CurrentStreamTime()), WriteRank.Progress);
        return result;
    }

    /// <summary>The lowest stream time over all events partitions, as far as progress records have told; null until every partition has.</summary>
    private long? Watermark(int sources)
    {
        var low = long.MaxValue;
        for (var source = 0; source < sources; source++)
        {
            if (scope.Store.Read(CompanyKeys.SourceProgress(source)) is not MarkValue progress) return null;
            low = Math.Min(low, progress.Value);
        }

        return sources > 0 ? low : null;
    }

    private CompanyStepResult Progress(DialoutAttemptChange progress)
    {
        var key = CompanyKeys.SourceProgress(progress.Source);
        if (scope.Get<MarkValue>(key) is not { } known || known.Value < progress.EventTimeMs) scope.Put(key, new MarkValue(0, progress.EventTimeMs), WriteRank.Source);
        if (Watermark(progress.Sources) is not { } low) return CompanyStepResult.None;

        // Complete: the final record, then the attempts' outcomes go once this is committed. The window's own small
        // value stays (complete) until its retention, so that changes read again after a restart find it complete
        // instead of starting the window afresh. A restart drains the same buckets again and repeats the same records.
        var finals = new List<object>();
        close.Drain(scope, TumblingWindow.StartOf(low - settings.DialoutWindowMs - settings.DialoutGraceMs, settings.DialoutWindowMs), (start, id) =>
        {
            var company = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
            var windowKey = CompanyKeys.DialoutWindow(company, start);
            if (scope.Get<CompanyWindowValue>(windowKey) is not { } window) return;
            if (!window.IsComplete) scope.Put(windowKey, window with { IsComplete = true }, WriteRank.Derived);
            var list = CompanyKeys.Outcomes(company, start);
            foreach (var outcome in KeyList.Items(scope.Store, list, window.ListedKeys).ToList()) scope.DeleteAfterCommit(outcome);
            foreach (var chunk in KeyList.ChunkKeys(list, window.ListedKeys)) scope.DeleteAfterCommit(chunk);
            finals.Add(window.Record with { Final = true });
        });
        CloseUsage(low, finals);
        return new CompanyStepResult(finals);
    }

    private CompanyStepResult Count(DialoutAttemptChange change)
    {
        var windowKey = CompanyKeys.DialoutWindow(change.CompanyId, change.WindowStartMs);
        var window = scope.Get<CompanyWindowValue>(windowKey);
        var replayed = scope.WrittenBefore(windowKey);

        // Read again from before the restored progress (offsets not committed with the state, as under exactly_once
        // on the embedded broker), a change whose window is gone was counted in it before it went final and was dropped.
        if (window is null && scope.Offset <= restoredThrough) return CompanyStepResult.None;

        // A complete window's changes were all counted before its final record (see the class summary): this one is a resend.
        if (window is { IsComplete: true }) return CompanyStepResult.None;
        var outcomeKey = CompanyKeys.Outcome(change.CompanyId, change.WindowStartMs, change.AttemptKey);
        var known = scope.Get<OutcomeValue>(outcomeKey);
        if (known is not null && known.Version >= change.Version) return replayed ? new CompanyStepResult([window!.Record]) : CompanyStepResult.None;

        // Written in the order queues, chunk, window, outcome: each is computed from keys written after it (docs/topology.md).
        if (window is null)
        {
            drop.Enqueue(scope, change.WindowStartMs, StateKeys.Id(change.CompanyId));
            close.Enqueue(scope, change.WindowStartMs, StateKeys.Id(change.CompanyId));
        }

        var listed = window?.ListedKeys ?? 0;
        if (known is null) KeyList.Append(scope, CompanyKeys.Outcomes(change.CompanyId, change.WindowStartMs), listed++, outcomeKey, WriteRank.Derived);
        var counts = DialoutCounts.Of(window?.Record);
        if (known is not null) counts.Add(known.Outcome, -1);
        counts.Add(change.Outcome, +1);
        var record = counts.Record(change.CompanyId, change.WindowStartMs, change.WindowStartMs + settings.DialoutWindowMs);
        scope.Put(windowKey, new CompanyWindowValue(0, record, listed, IsComplete: false), WriteRank.Summary);
        scope.Put(outcomeKey, new OutcomeValue(0, change.Outcome, change.Version), WriteRank.Source);

        // On a replay the window may already hold this change (it is written before the outcome): its stored record counts it once.
        return new CompanyStepResult([scope.Get<CompanyWindowValue>(windowKey)!.Record]);
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
            scope.Put(StateKeys.StreamTime, new MarkValue(0, now), WriteRank.Progress);
        }

        var horizon = settings.DialoutWindowMs + settings.DialoutGraceMs + settings.StateRetentionMs;
        drop.Drain(scope, TumblingWindow.StartOf(now - horizon, settings.DialoutWindowMs), (start, id) =>
        {
            var company = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
            var windowKey = CompanyKeys.DialoutWindow(company, start);
            if (scope.Get<CompanyWindowValue>(windowKey) is not { } window) return;
            var list = CompanyKeys.Outcomes(company, start);
            foreach (var key in KeyList.Items(scope.Store, list, window.ListedKeys).ToList()) scope.Store.Delete(key, WriteRank.Expired);
            foreach (var key in KeyList.ChunkKeys(list, window.ListedKeys)) scope.Store.Delete(key, WriteRank.ExpiredList);
            scope.Store.Delete(windowKey, WriteRank.ExpiredSummary);
        });
        DropUsage(now);
    }

    private long CurrentStreamTime()
    {
        if (streamTime is { } known) return known;
        var progress = scope.Store.Read(StateKeys.StreamTime) as MarkValue;
        restoredThrough = progress?.Offset ?? -1;
        return (streamTime = progress?.Value ?? long.MinValue).Value;
    }
}
