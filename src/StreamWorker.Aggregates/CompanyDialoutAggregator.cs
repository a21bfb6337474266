namespace StreamWorker.Aggregates;

/// <summary>Contract 3.3, per company: applies attempt changes idempotently and derives the window's counts.</summary>
public sealed class CompanyDialoutAggregator(AggregateSettings settings)
{
    /// <summary>
    /// Records the attempt's outcome in its window and returns the window's record, or null when the change is
    /// not newer than what the window already holds (a replay).
    /// </summary>
    public DialoutAnswerRateRecord? Apply(CompanyDialoutState state, DialoutAttemptChange change)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(change);
        if (!state.Windows.TryGetValue(change.WindowStartMs, out var attempts))
        {
            attempts = new Dictionary<string, AttemptOutcome>(StringComparer.Ordinal);
            state.Windows.Add(change.WindowStartMs, attempts);
        }

        if (attempts.TryGetValue(change.AttemptKey, out var known) && known.Version >= change.Version)
        {
            return null;
        }

        attempts[change.AttemptKey] = new AttemptOutcome(change.Outcome, change.Version);
        state.LastEventTimeMs = Math.Max(state.LastEventTimeMs, change.EventTimeMs);
        var record = RecordOf(state.CompanyId, change.WindowStartMs, attempts.Values);
        Prune(state);
        return record;
    }

    /// <summary>
    /// Drops windows that closed more than the retention ago. The conference stage stops sending changes for a
    /// window once it closes; the extra retention covers changes from partitions whose stream time lags behind.
    /// </summary>
    public void Prune(CompanyDialoutState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var horizon = settings.DialoutWindowMs + settings.DialoutGraceMs + settings.StateRetentionMs;
        var expired = state.Windows.Keys.Where(start => state.LastEventTimeMs - start >= horizon).ToList();
        expired.ForEach(start => state.Windows.Remove(start));
    }

    private DialoutAnswerRateRecord RecordOf(long companyId, long windowStartMs, IEnumerable<AttemptOutcome> attempts)
    {
        int answered = 0, rejected = 0, noAnswer = 0, cancelled = 0, notEnabled = 0, pending = 0;
        foreach (var attempt in attempts)
        {
            switch (attempt.Outcome)
            {
                case DialoutOutcome.Answered: answered++; break;
                case DialoutOutcome.Rejected: rejected++; break;
                case DialoutOutcome.NoAnswer: noAnswer++; break;
                case DialoutOutcome.Cancelled: cancelled++; break;
                case DialoutOutcome.NotEnabled: notEnabled++; break;
                default: pending++; break;
            }
        }

        var decided = answered + rejected + noAnswer + cancelled;
        return new DialoutAnswerRateRecord(
            companyId, windowStartMs, windowStartMs + settings.DialoutWindowMs,
            answered + rejected + noAnswer + cancelled + notEnabled + pending,
            answered, rejected, noAnswer, cancelled, notEnabled, pending,
            decided == 0 ? null : (double)answered / decided);
    }
}
