namespace StreamWorker.Aggregates;

/// <summary>
/// Everything keyed by conference (participants, livestream churn, dial-out attempts), for one input partition:
/// applies the common rules (duplicate, late, apply) per aggregate and closes windows as stream time passes.
/// State lives in small keys (docs/topology.md, "State layout"): one event reads and writes a bounded number of
/// them whatever the size of its conference. Pure: the store and the offsets are passed in.
/// </summary>
public sealed class ConferenceStage
{
    private const long ExpiryBucketMs = 60_000;

    private readonly AggregateSettings settings;
    private readonly StageScope scope;
    private readonly TimeBuckets participantsClose;
    private readonly TimeBuckets churnClose;
    private readonly TimeBuckets expiry = new("q/expire", ExpiryBucketMs, deferDrained: false);
    private long? streamTime;
    private long restoredThrough = -1;
    private long readSinceRestart = long.MinValue;
    private long? announcedDialoutBound;

    /// <param name="settings">Windows, grace periods and retention.</param>
    /// <param name="store">The partition's store.</param>
    public ConferenceStage(AggregateSettings settings, IStageStore store)
    {
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        scope = new StageScope(store);
        participantsClose = new TimeBuckets("q/close-p", settings.ParticipantsWindowMs, deferDrained: true);
        churnClose = new TimeBuckets("q/close-c", settings.ChurnWindowMs, deferDrained: true);
    }

    /// <summary>The partition's stream time (the largest event time read), or null before the first event.</summary>
    public long? StreamTimeMs => CurrentStreamTime() is var t && t == long.MinValue ? null : t;

    /// <summary>The aggregates that consume an event kind.</summary>
    public static AggregateSet ConsumersOf(AggregateEventKind kind) => kind switch
    {
        AggregateEventKind.EnterConference or AggregateEventKind.LeaveConference => AggregateSet.Participants,
        AggregateEventKind.ConferenceEnd => AggregateSet.Participants | AggregateSet.LivestreamChurn,
        AggregateEventKind.EnterLivestream or AggregateEventKind.LeaveLivestream => AggregateSet.LivestreamChurn,
        AggregateEventKind.DialoutStatusChange => AggregateSet.DialoutAnswerRate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Forgets what is held in memory, as a restart does: the next record reads everything from the store.</summary>
    public void Reset()
    {
        streamTime = null;
        restoredThrough = -1;
        readSinceRestart = long.MinValue;
        announcedDialoutBound = null;
        participantsClose.Reset();
        churnClose.Reset();
        expiry.Reset();
    }

    /// <summary>
    /// The offset of the last record the stored progress shows fully handled (restored after a restart), or null when
    /// the store holds none: the next record read should be at most one past it.
    /// </summary>
    public long? StoredProgressOffset
    {
        get
        {
            CurrentStreamTime();
            return restoredThrough >= 0 ? restoredThrough : null;
        }
    }

    /// <summary>A record without an event time (its value is not a stored event): it moves nothing, but the progress notes it was read.</summary>
    public void Skip(long offset)
    {
        scope.Begin(offset);
        CurrentStreamTime();
        WriteProgress();
    }

    /// <summary>An event no aggregate consumes (unknown or not consumed) still moves stream time.</summary>
    public ClosedWindows Observe(long eventTimeMs, long offset)
    {
        scope.Begin(offset);
        readSinceRestart = Math.Max(readSinceRestart, eventTimeMs);
        var closed = AdvanceTo(Math.Max(CurrentStreamTime(), eventTimeMs));
        WriteProgress();
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
        if (streamTimeMs <= CurrentStreamTime()) return new ClosedWindows();
        var last = Math.Max(scope.Offset, restoredThrough);
        scope.Begin(last);
        readSinceRestart = Math.Max(readSinceRestart, streamTimeMs);
        var closed = AdvanceTo(streamTimeMs, idle: true);
        // No record is read here, so the offset guard (which leaves a key alone that holds this offset) must not apply to the progress key.
        scope.Store.Put(StateKeys.StreamTime, new MarkValue(last, streamTimeMs));
        return closed;
    }

    /// <summary>Applies <paramref name="e"/>, read at input offset <paramref name="offset"/>.</summary>
    public ConferenceStepResult Process(AggregateEvent e, long offset)
    {
        ArgumentNullException.ThrowIfNull(e);
        scope.Begin(offset);
        readSinceRestart = Math.Max(readSinceRestart, e.TimeMs);
        var result = Step(e, offset);
        WriteProgress();
        return result;
    }

    private ConferenceStepResult Step(AggregateEvent e, long offset)
    {
        var now = Math.Max(CurrentStreamTime(), e.TimeMs);
        var closed = AdvanceTo(now);

        // The seen entry decides: absent, a new event; read first at this offset, a replay after a restart (applied
        // again as it was the first time, key by key); read first elsewhere, a re-delivery. An entry older than the
        // retention counts as absent.
        var seenKey = StateKeys.Seen(e.ConferenceId, e.EventId);
        var seenBefore = scope.Get<SeenEvent>(seenKey) is { } s && now - s.TimeMs < settings.StateRetentionMs ? s : null;
        var consumers = ConsumersOf(e.Kind);
        var replay = seenBefore?.FirstOffset == offset;
        var pending = replay ? consumers : consumers & ~(seenBefore?.ProcessedBy ?? AggregateSet.None);
        if (pending == AggregateSet.None)
        {
            return new ConferenceStepResult(EventDecision.Duplicate, AggregateSet.None, AggregateSet.None, null, null, null, closed);
        }

        var participantsStart = TumblingWindow.StartOf(e.TimeMs, settings.ParticipantsWindowMs);
        var churnStart = TumblingWindow.StartOf(e.TimeMs, settings.ChurnWindowMs);
        var participantsKey = StateKeys.ParticipantsWindow(e.ConferenceId, participantsStart);
        var churnKey = StateKeys.ChurnWindow(e.ConferenceId, churnStart);
        var attemptKey = e.ParticipantId is { } pid ? StateKeys.Attempt(e.ConferenceId, pid) : "";

        // A replay repeats the first decision (stream time and the attempt may have moved on since). An event the
        // store shows was handled before a restart (its offset is not past the restored progress) but never seen
        // was late for everything. Anything else is tested for lateness now.
        var late = replay ? pending & ~seenBefore!.ProcessedBy
            : seenBefore is null && offset <= restoredThrough ? pending
            : Late(e, pending, attemptKey, now);
        var toApply = pending & ~late;

        // A replayed event whose window has closed and is gone from the store was committed with that window: its
        // effect is in the stored state and in the window's final record already. (This happens when the input
        // offsets were not committed along with the state, so the partition is read again from an earlier offset.)
        if (replay)
        {
            if (Gone(participantsKey, participantsStart, settings.ParticipantsWindowMs, settings.GraceMs)) toApply &= ~AggregateSet.Participants;
            if (Gone(churnKey, churnStart, settings.ChurnWindowMs, settings.GraceMs)) toApply &= ~AggregateSet.LivestreamChurn;
        }

        if (toApply == AggregateSet.None)
        {
            return new ConferenceStepResult(late == AggregateSet.None ? EventDecision.Duplicate : EventDecision.Late, AggregateSet.None, late, null, null, null, closed);
        }

        var sequence = replay ? seenBefore!.AttemptSequence : toApply.HasFlag(AggregateSet.DialoutAnswerRate) ? AttemptSequenceOf(scope.Get<AttemptValue>(attemptKey), e) : 0;
        ConferenceStepResult step;
        if (replay && offset <= restoredThrough)
        {
            // Read again at or before the restored progress (the last write of every record): every write this record
            // made is in the store, so it writes nothing again and only emits. Computed again, a key it did not write
            // the first time because nothing changed (an enter of a member already present) would be judged against
            // keys that later records have changed since (a conference_end's new generation brings the member back).
            step = new ConferenceStepResult(EventDecision.Applied, toApply, AggregateSet.None, null, null, null, closed);
        }
        else
        {
            // The seen entry is the first write: once it is there, a replay repeats this decision.
            var newlySeen = seenBefore is null || replay;
            scope.Put(seenKey, new SeenEvent(0, seenBefore?.FirstOffset ?? offset, e.TimeMs, (seenBefore?.ProcessedBy ?? AggregateSet.None) | toApply, sequence));
            step = Apply(e, toApply, newlySeen, participantsKey, participantsStart, churnKey, churnStart, attemptKey, closed);
        }

        // The records come from the store: the ones just written, or on a replay the ones written before the crash
        // (whose output may not have reached the topic). A window closed since then has its final record, emitted
        // again by the close that follows a restart.
        step = step with
        {
            Participants = toApply.HasFlag(AggregateSet.Participants) && !IsClosed(participantsStart, settings.ParticipantsWindowMs, settings.GraceMs, now)
                ? scope.Get<WindowValue<ParticipantsRecord>>(participantsKey)?.Record : null,
            LivestreamChurn = toApply.HasFlag(AggregateSet.LivestreamChurn) && !IsClosed(churnStart, settings.ChurnWindowMs, settings.GraceMs, now)
                ? scope.Get<WindowValue<LivestreamChurnRecord>>(churnKey)?.Record : null,
            DialoutChange = toApply.HasFlag(AggregateSet.DialoutAnswerRate) && StoredAttempt(e, attemptKey, sequence) is { } attempt ? ChangeOf(e, attempt) : null,
        };

        var processed = toApply;
        var decision = late != AggregateSet.None ? EventDecision.Late : EventDecision.Applied;
        return step with { Decision = decision, AppliedBy = processed, LateFor = late };
    }

    private bool Gone(string windowKey, long start, long size, long grace) =>
        IsClosed(start, size, grace, CurrentStreamTime()) && scope.Get<StateValue>(windowKey) is null;

    /// <summary>The aggregates among <paramref name="pending"/> whose window (3.3: the window of the event's attempt) is closed.</summary>
    private AggregateSet Late(AggregateEvent e, AggregateSet pending, string attemptKey, long now)
    {
        var late = AggregateSet.None;
        if (pending.HasFlag(AggregateSet.Participants)
            && IsClosed(TumblingWindow.StartOf(e.TimeMs, settings.ParticipantsWindowMs), settings.ParticipantsWindowMs, settings.GraceMs, now))
        {
            late |= AggregateSet.Participants;
        }

        if (pending.HasFlag(AggregateSet.LivestreamChurn)
            && IsClosed(TumblingWindow.StartOf(e.TimeMs, settings.ChurnWindowMs), settings.ChurnWindowMs, settings.GraceMs, now))
        {
            late |= AggregateSet.LivestreamChurn;
        }

        if (pending.HasFlag(AggregateSet.DialoutAnswerRate)
            && IsClosed(AttemptWindowStart(scope.Get<AttemptValue>(attemptKey), e), settings.DialoutWindowMs, settings.DialoutGraceMs, now))
        {
            late |= AggregateSet.DialoutAnswerRate;
        }

        return late;
    }

    private ConferenceStepResult Apply(
        AggregateEvent e, AggregateSet toApply, bool newlySeen, string participantsKey, long participantsStart, string churnKey, long churnStart, string attemptKey, ClosedWindows closed)
    {
        // Every value below is computed from what the keys held before this event, and written in an order where a
        // key is written before every key it was computed from (close queue, windows, lists, expiry queue, summary,
        // attempt, members): after a crash between two writes, a replay skips the keys already written and computes
        // the others from inputs that are still as they were (docs/topology.md, "Restarts").
        var summaryKey = StateKeys.Summary(e.ConferenceId);
        var summary = scope.Get<ConferenceSummary>(summaryKey);
        var companyId = e.CompanyId ?? summary?.CompanyId;
        var hostId = e.HostId ?? summary?.HostId;
        var participants = summary?.Participants ?? 0;
        var participantGeneration = summary?.ParticipantGeneration ?? 0;
        var viewers = summary?.Viewers ?? 0;
        var viewerGeneration = summary?.ViewerGeneration ?? 0;
        var memberKeys = summary?.MemberKeys ?? 0;
        var attemptKeys = summary?.AttemptKeys ?? 0;
        var seenKeys = summary?.SeenKeys ?? 0;
        var memberWrites = new List<(string Key, PresenceValue Value, bool New)>(1);
        ParticipantsRecord? participantsRecord = null;
        LivestreamChurnRecord? churnRecord = null;
        DialoutAttemptChange? change = null;
        DialoutOutcome? reached = null;
        var viewerLeft = false;
        var (participantsBefore, viewersBefore) = (participants, viewers);

        if (toApply.HasFlag(AggregateSet.Participants))
        {
            var window = scope.Get<WindowValue<ParticipantsRecord>>(participantsKey)?.Record;
            if (window is null) participantsClose.Enqueue(scope, participantsStart, StateKeys.Id(e.ConferenceId));
            var r = window ?? NewParticipantsRecord(e.ConferenceId, participantsStart, participants);
            int joins = r.Joins, leaves = r.Leaves;
            var reasons = r.LeavesByReason;
            switch (e.Kind)
            {
                case AggregateEventKind.EnterConference:
                case AggregateEventKind.LeaveConference:
                    var move = Move(StateKeys.Participant(e.ConferenceId, e.ParticipantId!.Value), e.Kind == AggregateEventKind.EnterConference, participantGeneration, memberWrites);
                    if (move > 0) joins++;
                    if (move < 0)
                    {
                        leaves++;
                        reasons = CountLeave(reasons, e.Reason!.Value);
                    }

                    participants += move;
                    break;
                default:
                    leaves += participants;
                    reasons = reasons with { ConferenceEnd = reasons.ConferenceEnd + participants };
                    participants = 0;
                    participantGeneration++;
                    break;
            }

            participantsRecord = r with
            {
                CompanyId = companyId, HostId = hostId, Joins = joins, Leaves = leaves, Concurrent = participants,
                PeakConcurrent = Math.Max(r.PeakConcurrent, participants), LeavesByReason = reasons,
            };
            scope.Put(participantsKey, new WindowValue<ParticipantsRecord>(0, participantsRecord));
        }

        if (toApply.HasFlag(AggregateSet.LivestreamChurn))
        {
            var window = scope.Get<WindowValue<LivestreamChurnRecord>>(churnKey)?.Record;
            if (window is null) churnClose.Enqueue(scope, churnStart, StateKeys.Id(e.ConferenceId));
            var r = window ?? NewChurnRecord(e.ConferenceId, churnStart, viewers);
            int enters = r.Enters, leaves = r.Leaves;
            var reasons = r.LeavesByReason;
            switch (e.Kind)
            {
                case AggregateEventKind.EnterLivestream:
                case AggregateEventKind.LeaveLivestream:
                    var move = Move(StateKeys.Viewer(e.ConferenceId, e.ParticipantId!.Value), e.Kind == AggregateEventKind.EnterLivestream, viewerGeneration, memberWrites);
                    if (move > 0) enters++;
                    if (move < 0)
                    {
                        leaves++;
                        viewerLeft = true;
                        reasons = CountLeave(reasons, e.Reason!.Value);
                    }

                    viewers += move;
                    break;
                default:
                    leaves += viewers;
                    viewers = 0;
                    viewerGeneration++;
                    break;
            }

            var denominator = r.ViewersAtStart + enters;
            churnRecord = r with
            {
                CompanyId = companyId, Enters = enters, Leaves = leaves, LeavesByReason = reasons,
                PeakViewers = Math.Max(r.PeakViewers, viewers), ChurnRate = denominator == 0 ? null : (double)leaves / denominator,
            };
            scope.Put(churnKey, new WindowValue<LivestreamChurnRecord>(0, churnRecord));
        }

        AttemptValue? attemptWrite = null;

        // An attempt this event already wrote (a replay) is left alone: computed again from what it holds now, it
        // could start an attempt the event never started.
        if (toApply.HasFlag(AggregateSet.DialoutAnswerRate) && !scope.WrittenBefore(attemptKey))
        {
            var current = scope.Get<AttemptValue>(attemptKey);
            var status = e.Status!.Value;
            // The attempt belongs to the window of the event that started it, and to that event's company.
            attemptWrite = StartsNewAttempt(current, status)
                ? new AttemptValue(0, (current?.Sequence ?? 0) + 1, TumblingWindow.StartOf(e.TimeMs, settings.DialoutWindowMs), e.CompanyId!.Value, DialoutTransitions.Next(DialoutOutcome.Pending, status), 1)
                : current! with { Outcome = DialoutTransitions.Next(current.Outcome, status), Version = current.Version + 1 };
            if (current is null) KeyList.Append(scope, StateKeys.Attempts(e.ConferenceId), attemptKeys++, attemptKey);

            if (current is not null && attemptWrite.Sequence != current.Sequence)
            {
                var earlier = StateKeys.EarlierAttempt(e.ConferenceId, e.ParticipantId!.Value, current.Sequence);
                KeyList.Append(scope, StateKeys.Attempts(e.ConferenceId), attemptKeys++, earlier);
                scope.Put(earlier, current);
            }

            change = ChangeOf(e, attemptWrite);
            if (attemptWrite.Outcome != DialoutOutcome.Pending && (attemptWrite.Version == 1 || attemptWrite.Outcome != current?.Outcome)) reached = attemptWrite.Outcome;
        }

        foreach (var write in memberWrites.Where(w => w.New)) KeyList.Append(scope, StateKeys.Members(e.ConferenceId), memberKeys++, write.Key);
        if (newlySeen) KeyList.Append(scope, StateKeys.SeenList(e.ConferenceId), seenKeys++, e.EventId);
        var expiryBucket = summary?.ExpiryBucketMs ?? expiry.BucketOf(e.TimeMs);
        if (summary is null) expiry.Enqueue(scope, expiryBucket, StateKeys.Id(e.ConferenceId));
        scope.Put(summaryKey, new ConferenceSummary(
            0, companyId, hostId, Math.Max(summary?.LastEventTimeMs ?? long.MinValue, e.TimeMs),
            participants, participantGeneration, viewers, viewerGeneration, memberKeys, attemptKeys, seenKeys, expiryBucket));
        if (attemptWrite is not null) scope.Put(attemptKey, attemptWrite);
        foreach (var write in memberWrites) scope.Put(write.Key, write.Value);

        return new ConferenceStepResult(EventDecision.Applied, toApply, AggregateSet.None, participantsRecord, churnRecord, change, closed)
        {
            ParticipantsDelta = participants - participantsBefore,
            ViewersDelta = viewers - viewersBefore,
            ViewerLeft = viewerLeft,
            OutcomeReached = reached,
        };
    }

    /// <summary>
    /// An enter (or leave) of one member of a set: +1 when it adds the member, -1 when it removes it, 0 when it changes
    /// nothing (an enter of a present member, a leave of an absent one). The member's new value joins
    /// <paramref name="memberWrites"/>, written last.
    /// </summary>
    private int Move(string memberKey, bool enter, int generation, List<(string Key, PresenceValue Value, bool New)> memberWrites)
    {
        var member = scope.Get<PresenceValue>(memberKey);
        var present = member is { Present: true } && member.Generation == generation;
        if (enter == present) return 0;
        memberWrites.Add((memberKey, new PresenceValue(0, enter, generation), member is null));
        return enter ? 1 : -1;
    }

    /// <summary>Moves stream time forward: writes it, emits the final records of the windows it closed, drops expired conferences.</summary>
    private ClosedWindows AdvanceTo(long now, bool idle = false)
    {
        var closed = new ClosedWindows();
        if (now == long.MinValue) return closed;
        if (now > CurrentStreamTime()) streamTime = now;

        participantsClose.Drain(scope, LastClosedStart(now, settings.ParticipantsWindowMs, settings.GraceMs), (start, conference) =>
        {
            var key = StateKeys.ParticipantsWindow(long.Parse(conference, System.Globalization.CultureInfo.InvariantCulture), start);
            if (scope.Get<WindowValue<ParticipantsRecord>>(key) is not { } window) return;
            closed.Participants.Add(window.Record with { Final = true });
            scope.DeleteAfterCommit(key);
        });
        churnClose.Drain(scope, LastClosedStart(now, settings.ChurnWindowMs, settings.GraceMs), (start, conference) =>
        {
            var key = StateKeys.ChurnWindow(long.Parse(conference, System.Globalization.CultureInfo.InvariantCulture), start);
            if (scope.Get<WindowValue<LivestreamChurnRecord>>(key) is not { } window) return;
            closed.LivestreamChurn.Add(window.Record with { Final = true });
            scope.DeleteAfterCommit(key);
        });
        // Progress for the company stage, whenever this partition's stream time closes one more dial-out window there.
        // Records read again after a restart resend their attempt changes: the progress must not overtake them, so
        // while replaying it follows the time of the records read since the restart.
        var progress = !idle && scope.Offset <= restoredThrough ? readSinceRestart : now;
        if (progress != long.MinValue && LastClosedStart(progress, settings.DialoutWindowMs, settings.DialoutGraceMs) is var bound && !(bound <= announcedDialoutBound))
        {
            announcedDialoutBound = bound;
            closed.ProgressMs = progress;
        }

        expiry.Drain(scope, TumblingWindow.StartOf(now - settings.StateRetentionMs - ExpiryBucketMs + 1, ExpiryBucketMs), (_, id) => Expire(id, now, closed));
        return closed;
    }

    /// <summary>Drops a conference whose retention has passed, or queues it again for when it will have.</summary>
    private void Expire(string id, long now, ClosedWindows closed)
    {
        var conference = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        var summaryKey = StateKeys.Summary(conference);
        if (scope.Get<ConferenceSummary>(summaryKey) is not { } summary) return;
        if (now - summary.LastEventTimeMs < settings.StateRetentionMs)
        {
            var bucket = expiry.BucketOf(summary.LastEventTimeMs);
            if (bucket == summary.ExpiryBucketMs) return;
            expiry.Enqueue(scope, bucket, id);
            scope.Put(summaryKey, summary with { ExpiryBucketMs = bucket });
            return;
        }

        closed.ParticipantsDropped += summary.Participants;
        closed.ViewersDropped += summary.Viewers;
        foreach (var key in KeyList.Items(scope.Store, StateKeys.Members(conference), summary.MemberKeys).ToList()) scope.Store.Delete(key);
        foreach (var key in KeyList.ChunkKeys(StateKeys.Members(conference), summary.MemberKeys)) scope.Store.Delete(key);
        foreach (var key in KeyList.Items(scope.Store, StateKeys.Attempts(conference), summary.AttemptKeys).ToList()) scope.Store.Delete(key);
        foreach (var key in KeyList.ChunkKeys(StateKeys.Attempts(conference), summary.AttemptKeys)) scope.Store.Delete(key);
        foreach (var eventId in KeyList.Items(scope.Store, StateKeys.SeenList(conference), summary.SeenKeys).ToList()) scope.Store.Delete(StateKeys.Seen(conference, eventId));
        foreach (var key in KeyList.ChunkKeys(StateKeys.SeenList(conference), summary.SeenKeys)) scope.Store.Delete(key);
        scope.Store.Delete(summaryKey);
    }

    private long CurrentStreamTime()
    {
        if (streamTime is { } known) return known;
        var progress = scope.Get<MarkValue>(StateKeys.StreamTime);
        restoredThrough = progress?.Offset ?? -1;
        return (streamTime = progress?.Value ?? long.MinValue).Value;
    }

    /// <summary>
    /// The partition's progress, the last write of every record: stream time, and (as the value's offset) the last
    /// record whose writes are all in the store. After a restart, records up to it are known to be complete.
    /// </summary>
    private void WriteProgress()
    {
        if (streamTime is { } now && now != long.MinValue) scope.Put(StateKeys.StreamTime, new MarkValue(0, now));
    }

    /// <summary>The start of the latest window of this size that is closed at <paramref name="now"/>.</summary>
    private static long LastClosedStart(long now, long size, long grace) => TumblingWindow.StartOf(now - size - grace, size);

    private static bool IsClosed(long start, long size, long grace, long now) => TumblingWindow.IsClosed(start, size, grace, now);

    /// <summary>The window of the attempt a status event belongs to: its own window when it starts a new attempt.</summary>
    private long AttemptWindowStart(AttemptValue? current, AggregateEvent e) =>
        StartsNewAttempt(current, e.Status!.Value) ? TumblingWindow.StartOf(e.TimeMs, settings.DialoutWindowMs) : current!.WindowStartMs;

    /// <summary>The sequence of the attempt a status event applies to.</summary>
    private static int AttemptSequenceOf(AttemptValue? current, AggregateEvent e) =>
        StartsNewAttempt(current, e.Status!.Value) ? (current?.Sequence ?? 0) + 1 : current!.Sequence;

    /// <summary>The stored state of attempt <paramref name="sequence"/>: the current one, or an earlier one kept when the next started.</summary>
    private AttemptValue? StoredAttempt(AggregateEvent e, string attemptKey, int sequence) =>
        scope.Get<AttemptValue>(attemptKey) is { } current && current.Sequence == sequence
            ? current
            : scope.Get<AttemptValue>(StateKeys.EarlierAttempt(e.ConferenceId, e.ParticipantId!.Value, sequence));

    private static bool StartsNewAttempt(AttemptValue? current, DialoutStatus status) =>
        current is null || (status == DialoutStatus.New && current.Outcome != DialoutOutcome.Pending);

    private static DialoutAttemptChange ChangeOf(AggregateEvent e, AttemptValue attempt) => new(
        attempt.CompanyId, attempt.WindowStartMs,
        FormattableString.Invariant($"{e.ConferenceId}:{e.ParticipantId}:{attempt.Sequence}"),
        attempt.Outcome, attempt.Version, e.TimeMs);

    private ParticipantsRecord NewParticipantsRecord(long conference, long start, int carriedIn) => new(
        conference, null, null, start, start + settings.ParticipantsWindowMs, 0, 0, carriedIn, carriedIn, new ParticipantLeaveCounts(0, 0, 0, 0, 0));

    private LivestreamChurnRecord NewChurnRecord(long conference, long start, int carriedIn) => new(
        conference, null, start, start + settings.ChurnWindowMs, carriedIn, 0, 0, new ViewerLeaveCounts(0, 0, 0, 0), carriedIn, null);

    private static ParticipantLeaveCounts CountLeave(ParticipantLeaveCounts c, LeaveReason reason) => reason switch
    {
        LeaveReason.UserExit => c with { UserExit = c.UserExit + 1 },
        LeaveReason.UserDropped => c with { UserDropped = c.UserDropped + 1 },
        LeaveReason.HostKicked => c with { HostKicked = c.HostKicked + 1 },
        LeaveReason.HostKickedBlocked => c with { HostKickedBlocked = c.HostKickedBlocked + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static ViewerLeaveCounts CountLeave(ViewerLeaveCounts c, LeaveReason reason) => reason switch
    {
        LeaveReason.UserExit => c with { UserExit = c.UserExit + 1 },
        LeaveReason.UserDropped => c with { UserDropped = c.UserDropped + 1 },
        LeaveReason.HostKicked => c with { HostKicked = c.HostKicked + 1 },
        LeaveReason.HostKickedBlocked => c with { HostKickedBlocked = c.HostKickedBlocked + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
