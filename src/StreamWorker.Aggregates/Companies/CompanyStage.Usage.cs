namespace StreamWorker.Aggregates.Companies;

/// <summary>Company usage windows: one key each, closed by the same watermark as dial-out windows.</summary>
public sealed partial class CompanyStage
{
    private CompanyStepResult Count(UsageCount count)
    {
        var windowKey = CompanyKeys.UsageWindow(count.CompanyId, count.WindowStartMs);
        var window = scope.Get<UsageWindowValue>(windowKey);

        // As for dial-out windows: gone and read again from before the restored progress, or complete: counted before.
        if (window is null && scope.Offset <= restoredThrough) return CompanyStepResult.None;
        if (window is { IsComplete: true }) return CompanyStepResult.None;
        var offsets = window?.SourceOffsets ?? [];
        if (count.Source < offsets.Count && count.SourceOffset <= offsets[count.Source])
        {
            // Counted before: sent again after a restart of the events partition, or this record read again after one here.
            return scope.WrittenBefore(windowKey) ? new CompanyStepResult([window!.Record]) : CompanyStepResult.None;
        }

        if (window is null)
        {
            usageDrop.Enqueue(scope, count.WindowStartMs, StateKeys.Id(count.CompanyId));
            usageClose.Enqueue(scope, count.WindowStartMs, StateKeys.Id(count.CompanyId));
        }

        var record = (window?.Record ?? CompanyUsageRecord.Empty(count.CompanyId, count.WindowStartMs, count.WindowStartMs + settings.UsageWindowMs)).Count(count.Counter, count.Bytes);
        var next = new long[Math.Max(offsets.Count, count.Source + 1)];
        for (var i = 0; i < next.Length; i++) next[i] = i < offsets.Count ? offsets[i] : -1;
        next[count.Source] = count.SourceOffset;
        scope.Put(windowKey, new UsageWindowValue(0, record, next, IsComplete: false), WriteRank.Summary);
        return new CompanyStepResult([scope.Get<UsageWindowValue>(windowKey)!.Record]);
    }

    /// <summary>Completes the usage windows the watermark <paramref name="low"/> has closed: their final records.</summary>
    private void CloseUsage(long low, List<object> finals)
    {
        usageClose.Drain(scope, TumblingWindow.StartOf(low - settings.UsageWindowMs - settings.UsageGraceMs, settings.UsageWindowMs), (start, id) =>
        {
            var windowKey = CompanyKeys.UsageWindow(StateKeys.ParseId(id), start);
            if (scope.Get<UsageWindowValue>(windowKey) is not { } window) return;
            if (!window.IsComplete) scope.Put(windowKey, window with { IsComplete = true }, WriteRank.Derived);
            finals.Add(window.Record with { Final = true });
        });
    }

    /// <summary>Drops usage windows whose retention has passed (kept complete until then, so resent counts find them).</summary>
    private void DropUsage(long now)
    {
        var horizon = settings.UsageWindowMs + settings.UsageGraceMs + settings.StateRetentionMs;
        usageDrop.Drain(scope, TumblingWindow.StartOf(now - horizon, settings.UsageWindowMs), (start, id) =>
            scope.Store.Delete(CompanyKeys.UsageWindow(StateKeys.ParseId(id), start), WriteRank.ExpiredSummary));
    }
}
