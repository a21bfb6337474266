namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// Runs the aggregates keyed by conference (<see cref="ConferenceRule"/>s) for one input partition: stream time and
/// its restore after a restart, duplicates by <c>event_id</c>, replays, lateness, window close with final records,
/// progress for later stages, and retention. Rules only say what an event changes; everything they share is here.
/// State lives in small keys (docs/topology.md, "State layout"): one event reads and writes a bounded number of them
/// whatever the size of its conference. Pure: the store and the offsets are passed in.
/// </summary>
public sealed class ConferenceEngine
{
    private const long ExpiryBucketMs = 60_000;

    private readonly AggregateSettings settings;
    private readonly StageScope scope;
    private readonly IReadOnlyList<ConferenceRule> rules;
    private readonly Dictionary<ConferenceRule, int> firstSets = [];
    private readonly TimeBuckets expiry = new("q/expire", ExpiryBucketMs, deferDrained: false);
    private readonly StreamProgress progress;
    private readonly Dictionary<ConferenceRule, long> announcedBounds = [];

    /// <param name="settings">Retention and the rules' windows.</param>
    /// <param name="store">The partition's store.</param>
    /// <param name="rules">The rules, in the order their outputs are emitted; <see cref="ConferenceRules.All"/> when null.</param>
    public ConferenceEngine(AggregateSettings settings, IStageStore store, IReadOnlyList<ConferenceRule>? rules = null)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        scope = new StageScope(store);
        this.rules = rules ?? ConferenceRules.All(settings);
        var sets = new List<string>();
        foreach (var rule in this.rules)
        {
            firstSets[rule] = sets.Count;
            sets.AddRange(rule.PresenceSets);
        }

        PresenceSetNames = sets;
        progress = new StreamProgress(scope);
    }

    /// <summary>The presence sets of all rules, in the order of <see cref="ConferenceStepResult.SetDeltas"/>.</summary>
    public IReadOnlyList<string> PresenceSetNames { get; }

    /// <summary>The partition's stream time (the largest event time read), or null before the first event.</summary>
    public long? StreamTimeMs => progress.StreamTime is var t && t == long.MinValue ? null : t;

    /// <summary>
    /// The offset of the last record the stored progress shows fully handled (restored after a restart), or null when
    /// the store holds none: the next record read should be at most one past it.
    /// </summary>
    public long? StoredProgressOffset => progress.RestoredThrough >= 0 ? progress.RestoredThrough : null;

    /// <summary>The aggregates that consume an event kind.</summary>
    public AggregateSet ConsumersOf(AggregateEventKind kind) =>
        rules.Where(r => r.Consumes(kind)).Aggregate(AggregateSet.None, (set, r) => set | r.Aggregate);

    /// <summary>Forgets what is held in memory, as a restart does: the next record reads everything from the store.</summary>
    public void Reset()
    {
        progress.Reset();
        announcedBounds.Clear();
        foreach (var rule in rules) rule.Reset();
        expiry.Reset();
    }

    /// <summary>A record without an event time (its value is not a stored event): it moves nothing, but the progress notes it was read.</summary>
    public void Skip(long offset)
    {
        Begin(offset);
        progress.Write();
    }

    /// <summary>An event no aggregate consumes (unknown or not consumed) still moves stream time.</summary>
    public ClosedWindows Observe(long eventTimeMs, long offset)
    {
        Begin(offset);
        progress.Read(eventTimeMs);
        var closed = AdvanceTo(Math.Max(progress.StreamTime, eventTimeMs));
        progress.Write();
        return closed;
    }

    /// <summary>
    /// Moves stream time to <paramref name="streamTimeMs"/> without an event (idle close), never backwards; also for a
    /// partition that has not read an event yet, so that it does not hold back the windows fed by several partitions.
    /// The moved stream time is stored at once (under the offset of the last record read: records up to it are still
    /// complete), so that it survives a restart like stream time moved by an event.
    /// </summary>
    public ClosedWindows AdvanceIdle(long streamTimeMs)
    {
        if (streamTimeMs <= progress.StreamTime) return new ClosedWindows { Dropped = new int[PresenceSetNames.Count] };
        var last = Math.Max(scope.Offset, progress.RestoredThrough);
        Begin(last);
        progress.Read(streamTimeMs);
        var closed = AdvanceTo(streamTimeMs, idle: true);
        progress.WriteIdle(last);
        return closed;
    }

    /// <summary>Applies <paramref name="e"/>, read at input offset <paramref name="offset"/>.</summary>
    public ConferenceStepResult Process(AggregateEvent e, long offset)
    {
        ArgumentNullException.ThrowIfNull(e);
        Begin(offset);
        progress.Read(e.TimeMs);
        var result = Step(e, offset);
        progress.Write();
        return result;
    }

    /// <summary>A record begins: a full write cache is flushed now, between records.</summary>
    private void Begin(long offset)
    {
        (scope.Store as CachingStageStore)?.FlushIfFull();
        scope.Begin(offset);
    }

    private ConferenceStepResult Step(AggregateEvent e, long offset)
    {
        var now = Math.Max(progress.StreamTime, e.TimeMs);
        var closed = AdvanceTo(now);

        // A conference expired since the last flush and begun again: its deletes go out before its new keys, which
        // would otherwise flush first (by rank) and be taken for the old conference after a crash.
        if (scope.Store is CachingStageStore cache && cache.DeletePending(StateKeys.Summary(e.ConferenceId))) cache.Flush();

        // The seen entry decides: absent, a new event; read first at this offset, a replay after a restart (applied
        // again as it was the first time, key by key); read first elsewhere, a re-delivery. An entry older than the
        // retention counts as absent.
        var seenKey = StateKeys.Seen(e.ConferenceId, e.EventId);
        var seenBefore = scope.Get<SeenEvent>(seenKey) is { } s && now - s.TimeMs < settings.StateRetentionMs ? s : null;
        var consumers = ConsumersOf(e.Kind);
        var replay = seenBefore?.FirstOffset == offset;
        var pending = replay ? consumers : consumers & ~(seenBefore?.ProcessedBy ?? AggregateSet.None);
        if (pending == AggregateSet.None) return Result(EventDecision.Duplicate, AggregateSet.None, AggregateSet.None, [], closed, null);

        var summary = scope.Get<ConferenceSummary>(StateKeys.Summary(e.ConferenceId));
        var state = new EventState(this, e, summary, PresenceSetNames.Count);

        // A replay sees the conference's company as the first pass did (later events may have named another).
        if (replay) state.CompanyId = seenBefore!.CompanyId;
        var involved = rules.Where(r => pending.HasFlag(r.Aggregate)).Select(r => (Rule: r, Context: new RuleContext(scope, state, firstSets[r], now))).ToList();

        // A replay repeats the first decision (stream time and the rules' state may have moved on since). A record the
        // store shows was handled before a restart (its offset is not past the restored progress, or a later record has
        // written the conference's summary: seen entries are written first, so this one's would be there) was late for
        // every aggregate its seen entry does not list (one that applied it would be listed): judged again, it could
        // meet state a later record stored (a session's clock, an attempt). Anything else is tested now.
        var late = replay ? pending & ~seenBefore!.ProcessedBy
            : offset <= progress.RestoredThrough || summary?.Offset > offset ? pending
            : involved.Where(x => x.Rule.IsLate(e, x.Context)).Aggregate(AggregateSet.None, (set, x) => set | x.Rule.Aggregate);
        var toApply = pending & ~late;

        // A replayed event whose window has closed and is gone from the store was committed with that window: its
        // effect is in the stored state and in the window's final record already. (This happens when the input
        // offsets were not committed along with the state, so the partition is read again from an earlier offset.)
        if (replay)
        {
            foreach (var (rule, context) in involved.Where(x => toApply.HasFlag(x.Rule.Aggregate)))
            {
                if (rule.ReplayedIntoClosed(e, context)) toApply &= ~rule.Aggregate;
            }
        }

        if (toApply == AggregateSet.None)
        {
            return Result(late == AggregateSet.None ? EventDecision.Duplicate : EventDecision.Late, AggregateSet.None, late, [], closed, null);
        }

        var applying = involved.Where(x => toApply.HasFlag(x.Rule.Aggregate)).ToList();

        // The seen entry is the first write: once it is there, a replay repeats this decision. A replayed record the
        // stored progress shows complete writes nothing: its writes are all in the store, and computing them again
        // would read keys that later records have moved on (a later conference_end's generation, for one).
        var note = replay ? seenBefore!.Note : applying.Sum(x => x.Rule.NoteOf(e, x.Context));
        foreach (var (_, context) in applying)
        {
            context.AppliedBy = toApply;
            context.Note = note;
        }

        if (!(replay && offset <= progress.RestoredThrough))
        {
            scope.Put(seenKey, new SeenEvent(0, seenBefore?.FirstOffset ?? offset, e.TimeMs, (seenBefore?.ProcessedBy ?? AggregateSet.None) | toApply, note, seenBefore?.CompanyId ?? state.CompanyId), WriteRank.Seen);
            Apply(e, applying, state, summary, newlySeen: seenBefore is null || replay);
        }

        // What is emitted comes from the store: the values just written, or on a replay the ones written before the
        // crash (whose output may not have reached the topic).
        var outputs = new List<object>();
        foreach (var (rule, context) in applying) rule.Emit(e, context, note, outputs);
        return Result(late != AggregateSet.None ? EventDecision.Late : EventDecision.Applied, toApply, late, outputs, closed, state);
    }

    private void Apply(AggregateEvent e, List<(ConferenceRule Rule, RuleContext Context)> applying, EventState state, ConferenceSummary? summary, bool newlySeen)
    {
        // Writes go in an order where a key is written before every key it was computed from: the rules' windows,
        // lists and queues, the seen list and expiry queue, the summary, then the rules' last writes (members,
        // attempts): after a crash between two writes, a replay skips the keys already written and computes the
        // others from inputs that are still as they were (docs/topology.md, "Restarts").
        foreach (var (rule, context) in applying) rule.Apply(e, context);
        KeyList.AppendAll(scope, StateKeys.Owned(e.ConferenceId), state.OwnedKeys, state.Owned, WriteRank.Derived);
        state.OwnedKeys += state.Owned.Count;
        if (newlySeen) KeyList.Append(scope, StateKeys.SeenList(e.ConferenceId), state.SeenKeys++, e.EventId, WriteRank.Derived);
        var expiryBucket = summary?.ExpiryBucketMs ?? expiry.BucketOf(e.TimeMs);
        if (summary is null) expiry.Enqueue(scope, expiryBucket, StateKeys.Id(e.ConferenceId));
        scope.Put(StateKeys.Summary(e.ConferenceId), new ConferenceSummary(
            0, state.CompanyId, state.HostId, Math.Max(summary?.LastEventTimeMs ?? long.MinValue, e.TimeMs), state.Sets, state.OwnedKeys, state.SeenKeys, expiryBucket),
            WriteRank.Summary);
        foreach (var (key, value, over) in state.WithSummary)
        {
            if (over) scope.Overwrite(key, value, WriteRank.Summary);
            else scope.Put(key, value, WriteRank.Summary);
        }
        foreach (var (key, value) in state.Last) scope.Put(key, value, WriteRank.Source);
    }

    private ConferenceStepResult Result(EventDecision decision, AggregateSet applied, AggregateSet late, List<object> outputs, ClosedWindows closed, EventState? state) =>
        new(decision, applied, late, outputs, closed)
        {
            SetDeltas = state?.Deltas() ?? new int[PresenceSetNames.Count],
            Signals = state?.Signals ?? [],
        };

    /// <summary>Moves stream time forward: emits the final records of the windows it closed, drops expired conferences.</summary>
    private ClosedWindows AdvanceTo(long now, bool idle = false)
    {
        var closed = new ClosedWindows { Dropped = new int[PresenceSetNames.Count] };
        if (now == long.MinValue) return closed;
        progress.MoveTo(now);

        var context = new StreamTimeContext(scope, now, closed);
        foreach (var rule in rules) rule.Advance(context);

        // Progress for the stages that close windows by watermark, whenever this partition's stream time closes one more
        // of their windows. Records read again after a restart resend what they sent: the progress must not overtake
        // it, so while replaying it follows the time of the records read since the restart.
        var announced = progress.Announceable(idle);
        foreach (var rule in rules.Where(r => !r.ClosesWindowsHere))
        {
            if (announced == long.MinValue) break;
            var bound = LastClosedStart(announced, rule);
            if (announcedBounds.TryGetValue(rule, out var before) && bound <= before) continue;
            announcedBounds[rule] = bound;
            closed.ProgressMs = announced;
        }

        expiry.Drain(scope, TumblingWindow.StartOf(now - settings.StateRetentionMs - ExpiryBucketMs + 1, ExpiryBucketMs), (_, id) => Expire(id, now, closed));
        return closed;
    }

    /// <summary>Drops a conference whose retention has passed, or queues it again for when it will have.</summary>
    private void Expire(string id, long now, ClosedWindows closed)
    {
        var conference = StateKeys.ParseId(id);
        var summaryKey = StateKeys.Summary(conference);
        if (scope.Get<ConferenceSummary>(summaryKey) is not { } summary) return;
        if (now - summary.LastEventTimeMs < settings.StateRetentionMs)
        {
            var bucket = expiry.BucketOf(summary.LastEventTimeMs);
            if (bucket == summary.ExpiryBucketMs) return;
            expiry.Enqueue(scope, bucket, id);
            scope.Put(summaryKey, summary with { ExpiryBucketMs = bucket }, WriteRank.Summary);
            return;
        }

        for (var set = 0; set < closed.Dropped.Length; set++) closed.Dropped[set] += summary.Sets[set].Count;
        foreach (var key in KeyList.Items(scope.Store, StateKeys.Owned(conference), summary.OwnedKeys).ToList()) scope.Store.Delete(key, WriteRank.Expired);
        foreach (var key in KeyList.ChunkKeys(StateKeys.Owned(conference), summary.OwnedKeys)) scope.Store.Delete(key, WriteRank.ExpiredList);
        foreach (var eventId in KeyList.Items(scope.Store, StateKeys.SeenList(conference), summary.SeenKeys).ToList()) scope.Store.Delete(StateKeys.Seen(conference, eventId), WriteRank.Expired);
        foreach (var key in KeyList.ChunkKeys(StateKeys.SeenList(conference), summary.SeenKeys)) scope.Store.Delete(key, WriteRank.ExpiredList);
        scope.Store.Delete(summaryKey, WriteRank.ExpiredSummary);
    }

    /// <summary>The start of the latest window of <paramref name="rule"/> that is closed at <paramref name="now"/>.</summary>
    private static long LastClosedStart(long now, ConferenceRule rule) => TumblingWindow.StartOf(now - rule.WindowMs - rule.GraceMs, rule.WindowMs);
}
