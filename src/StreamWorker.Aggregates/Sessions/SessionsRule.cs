namespace StreamWorker.Aggregates.Sessions;

/// <summary>
/// Conference sessions (docs/aggregates.md, "Conference sessions"): one run of a conference from an opening event to
/// its <c>conference_end</c> or a timeout, with its clock, people, participant- and viewer-time, recording,
/// streaming and broadcasting time, dial-outs and role changes. Keys: the session under <c>s/&lt;conference&gt;</c>
/// (<see cref="SessionState"/>), members under <c>sm/</c> and <c>sv/</c>, attempts under <c>sd/</c>, an ended session
/// awaiting its final record under <c>sf/&lt;conference&gt;/&lt;session&gt;</c>; queues for timeouts and final records.
/// </summary>
public sealed partial class SessionsRule(AggregateSettings settings) : ConferenceRule
{
    /// <summary>Queues are bucketed by minute of stream time: a final record or a timeout is acted on within a minute of being due.</summary>
    private const long BucketMs = 60_000;

    /// <summary>
    /// The session is written with the conference summary: after the ended records computed from it and before the
    /// members and attempts it is computed from (docs/topology.md, "Restarts").
    /// </summary>
    private const WriteRank StateRank = WriteRank.Summary;

    private TimeBuckets? finals;
    private TimeBuckets? timeouts;

    public override string Name => "s";

    public override AggregateSet Aggregate => AggregateSet.Sessions;

    /// <summary>Sessions have no windows; the queues' bucket.</summary>
    public override long WindowMs => BucketMs;

    public override long GraceMs => settings.GraceMs;

    private TimeBuckets Finals => finals ??= new TimeBuckets(StateKeys.CloseQueue(Name), BucketMs, deferDrained: true);

    private TimeBuckets Timeouts => timeouts ??= new TimeBuckets("q/timeout-" + Name, BucketMs, deferDrained: true);

    public static string StateKey(long conference) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"s/{conference}");

    public static string EndedKey(long conference, int session) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sf/{conference}/{session}");

    public static string ParticipantKey(long conference, long participant) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sm/{conference}/{participant}");

    public static string ViewerKey(long conference, long participant) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sv/{conference}/{participant}");

    public static string AttemptKey(long conference, long participant) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sd/{conference}/{participant}");

    public override bool Consumes(AggregateEventKind kind) => kind is AggregateEventKind.ConferenceStart or AggregateEventKind.ConferenceEnd
        or AggregateEventKind.EnterConference or AggregateEventKind.LeaveConference or AggregateEventKind.EnterLivestream or AggregateEventKind.LeaveLivestream
        or AggregateEventKind.StartRecording or AggregateEventKind.StopRecording or AggregateEventKind.StartStreaming or AggregateEventKind.StopStreaming
        or AggregateEventKind.StartBroadcasting or AggregateEventKind.StopBroadcasting or AggregateEventKind.DialoutStatusChange
        or AggregateEventKind.ParticipantRoleChanged;

    /// <summary>
    /// Late: an event of an open session earlier than its clock minus grace; with no open session, an opening event
    /// earlier than the end of the previous session. An event with no open session that opens none is not late.
    /// </summary>
    public override bool IsLate(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Get<SessionState>(StateKey(e.ConferenceId));

        // Written by a later record (this one is read again after a restart): had this aggregate applied the event, its
        // seen entry, written before any later record's writes, would say so. It found the event late.
        if (s is not null && s.Offset > context.Offset) return true;
        if (s is not null && IsOpen(s, context.StreamTimeMs)) return e.TimeMs < s.ClockMs - GraceMs;
        if (!Opens(e, context, attemptStarted: null)) return false;
        var lastEnd = s is null ? long.MinValue : s.Open ? s.ClockMs : s.Record.EndedAtMs!.Value;
        return e.TimeMs < lastEnd;
    }

    public override void Apply(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var key = StateKey(e.ConferenceId);
        var s = context.Get<SessionState>(key);

        // Read again after a crash that stored the session's change (or a later record's): the session holds this event
        // already, and stream time may since have moved past its timeout; only the members and attempts, written after
        // it and computed from the event alone, are written again. A session this record ended by timeout before the
        // event (the timeout queue, as stream time moved) is the exception: the event is applied to it as the first time.
        var started = e.Kind == AggregateEventKind.DialoutStatusChange && DialoutAttemptRule.StartedAttempt(context);
        var endedBeforeTheEvent = context.WrittenBefore(key);
        if (endedBeforeTheEvent && !(s is { Open: false, Record.EndReason: SessionEndReason.Timeout } && s.Offset == context.Offset))
        {
            Touch(e, context, started);
            return;
        }

        var changed = false;
        if (s is { Open: true } && !IsOpen(s, context.StreamTimeMs))
        {
            s = EndByTimeout(context.Scope, e.ConferenceId, s, context.StreamTimeMs, context.Signal, withEvent: true);
            changed = true;
        }

        if (s is not { Open: true })
        {
            if (!Opens(e, context, started))
            {
                context.Signal(Unattributed.NoSession);
                Touch(e, context, started);
                if (changed) context.PutWithSummary(key, s!, over: endedBeforeTheEvent);
                return;
            }

            if (s is null) context.Own(key);
            s = new SessionState(0, (s?.Sequence ?? 0) + 1, context.Offset, true, e.TimeMs, 0, 0, SessionActivity.None, SessionRecord.Opened(e.ConferenceId, context.CompanyId, context.HostId, e.TimeMs));
            Timeouts.Enqueue(context.Scope, Undrained(e.TimeMs + settings.SessionTimeoutMs, context.StreamTimeMs), Item(e.ConferenceId, s.Sequence));
            context.Signal(new SessionSignal(null));
        }

        s = Accrue(s, Math.Max(s.ClockMs, e.TimeMs));
        s = s with { Record = s.Record with { CompanyId = context.CompanyId, HostId = context.HostId } };
        s = Change(e, context, s, started);
        if (!s.Open && s.Record.EndedAtMs!.Value + GraceMs <= context.StreamTimeMs)
        {
            // Ended already closed (its clock behind stream time by more than grace): the event emits its final record too.
            context.Scope.Put(EndedKey(e.ConferenceId, s.Sequence), new WindowValue<SessionRecord>(0, s.Record with { Final = true }), WriteRank.Derived);
            Finals.Enqueue(context.Scope, Undrained(context.StreamTimeMs, context.StreamTimeMs), Item(e.ConferenceId, s.Sequence));
            context.Signal(new SessionSignal(s.Record.EndReason, s.Record.ParticipantMs, s.Record.RecordingMs));
        }
        else if (!s.Open)
        {
            End(context.Scope, e.ConferenceId, s, Undrained(s.Record.EndedAtMs!.Value + GraceMs, context.StreamTimeMs), context.Signal);
        }
        context.PutWithSummary(key, s, over: endedBeforeTheEvent);
    }

    /// <summary>
    /// The session's record when this event wrote it: while open, or ended by this event's <c>conference_end</c> and
    /// still awaiting its final record. A session that ended by timeout has one record only, its final one.
    /// </summary>
    public override void Emit(AggregateEvent e, RuleContext context, int note, List<object> outputs)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outputs);
        if (context.Get<SessionState>(StateKey(e.ConferenceId)) is not { } s || s.Offset != context.Offset) return;

        // A session this event found timed out: its one record, final (kept until that is committed, for a replay).
        foreach (var session in new[] { s.Sequence - 1, s.Sequence })
        {
            var endedKey = EndedKey(e.ConferenceId, session);
            if (context.Get<WindowValue<SessionRecord>>(endedKey) is not { Record: { Final: true, EndReason: SessionEndReason.Timeout } } timedOut || timedOut.Offset != context.Offset) continue;
            outputs.Add(timedOut.Record);
            context.DeleteAfterCommit(endedKey);
        }

        if (s.Open)
        {
            outputs.Add(s.Record);
            return;
        }

        // Ended by this event's conference_end and not final yet: its record; already due to close: its final record too.
        var closingKey = EndedKey(e.ConferenceId, s.Sequence);
        if (s.Record.EndReason != SessionEndReason.ConferenceEnd || context.Get<WindowValue<SessionRecord>>(closingKey) is not { } ended) return;

        // Read again after a restart whose restored stream time drained the final record before this record was read:
        // the final record went out, and the record before it must not follow it.
        if (!ended.Record.Final && FinalDrained(s.Record.EndedAtMs!.Value, context.StreamTimeMs)) return;
        outputs.Add(s.Record);
        if (!ended.Record.Final || ended.Offset != context.Offset) return;
        outputs.Add(ended.Record);
        context.DeleteAfterCommit(closingKey);
    }

    /// <summary>Ends the open sessions whose timeout has passed, and emits the final records that are due.</summary>
    public override void Advance(StreamTimeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.StreamTimeMs;
        var lastDue = Bucket(now) - BucketMs;
        Timeouts.Drain(context.Scope, lastDue, (_, item) =>
        {
            var (conference, session) = ParseItem(item);
            var key = StateKey(conference);
            if (context.Get<SessionState>(key) is not { Open: true } s || s.Sequence != session) return;
            if (IsOpen(s, now)) Timeouts.Enqueue(context.Scope, Undrained(s.ClockMs + settings.SessionTimeoutMs, now), item);
            else context.Scope.Put(key, EndByTimeout(context.Scope, conference, s, now, context.Signal, withEvent: false), StateRank);
        });

        Finals.Drain(context.Scope, lastDue, (_, item) =>
        {
            var (conference, session) = ParseItem(item);
            var key = EndedKey(conference, session);
            if (context.Get<WindowValue<SessionRecord>>(key) is not { } ended) return;

            // Kept final: the event that found the session timed out emitted it already.
            if (!ended.Record.Final) context.Final(ended.Record with { Final = true });
            context.DeleteAfterCommit(key);
        });
    }

    public override void Reset()
    {
        Finals.Reset();
        Timeouts.Reset();
    }

    private bool IsOpen(SessionState s, long streamTimeMs) => s.Open && streamTimeMs < s.ClockMs + settings.SessionTimeoutMs;

    /// <summary>
    /// An opening event: <c>conference_start</c>, an enter, a start, or a dial-out status that starts an attempt
    /// (<paramref name="attemptStarted"/> when the dial-out aggregate has decided; before that, by its stored attempt).
    /// </summary>
    private static bool Opens(AggregateEvent e, RuleContext context, bool? attemptStarted) => e.Kind switch
    {
        AggregateEventKind.ConferenceStart or AggregateEventKind.EnterConference or AggregateEventKind.EnterLivestream
            or AggregateEventKind.StartRecording or AggregateEventKind.StartStreaming or AggregateEventKind.StartBroadcasting => true,
        AggregateEventKind.DialoutStatusChange => attemptStarted ?? DialoutAttemptRule.StartsNewAttempt(
            context.Get<AttemptValue>(DialoutAttemptRule.AttemptKey(e.ConferenceId, e.ParticipantId!.Value)), e.Status!.Value),
        _ => false,
    };

    /// <summary>The session with every running quantity accrued from its clock to <paramref name="clockMs"/>.</summary>
    private static SessionState Accrue(SessionState s, long clockMs)
    {
        var dt = clockMs - s.ClockMs;
        if (dt <= 0) return s;
        long On(SessionActivity a) => s.On.HasFlag(a) ? dt : 0;
        var r = s.Record;
        return s with
        {
            ClockMs = clockMs,
            Record = r with
            {
                DurationMs = clockMs - r.StartedAtMs,
                ParticipantMs = r.ParticipantMs + (dt * s.Present),
                ViewerMs = r.ViewerMs + (dt * s.PresentViewers),
                RecordingMs = r.RecordingMs + On(SessionActivity.Recording),
                StreamingMs = r.StreamingMs + On(SessionActivity.Streaming),
                BroadcastingMs = r.BroadcastingMs + On(SessionActivity.Broadcasting),
            },
        };
    }

    /// <summary>
    /// Ends an open session at its clock by timeout: its record as it was then, final at once. Found by the timeout queue,
    /// its final record is queued in the first bucket not drained yet, which the drain of final records that follows in
    /// the same stream time step empties. Found by an event of its conference (<paramref name="withEvent"/>), it is kept
    /// final and the event emits it (<see cref="Emit"/>).
    /// </summary>
    private SessionState EndByTimeout(StageScope scope, long conference, SessionState s, long streamTimeMs, Action<object> signal, bool withEvent)
    {
        var ended = s with { Open = false, Record = s.Record with { EndedAtMs = s.ClockMs, EndReason = SessionEndReason.Timeout, DurationMs = s.ClockMs - s.Record.StartedAtMs } };
        if (withEvent)
        {
            // Queued all the same, so that the kept record is deleted even if a crash loses the delete the event asked for.
            scope.Put(EndedKey(conference, ended.Sequence), new WindowValue<SessionRecord>(0, ended.Record with { Final = true }), WriteRank.Derived);
            Finals.Enqueue(scope, Undrained(streamTimeMs, streamTimeMs), Item(conference, ended.Sequence));
            signal(new SessionSignal(SessionEndReason.Timeout, ended.Record.ParticipantMs, ended.Record.RecordingMs));
            return ended;
        }

        var due = Bucket(streamTimeMs) - BucketMs;
        End(scope, conference, ended, Finals.FirstUndrained(scope) is { } floor && floor > due ? floor : due, signal);
        return ended;
    }

    /// <summary>
    /// Keeps the ended session's record for its final record, queued in <paramref name="finalBucket"/> (drained once
    /// stream time has passed the bucket's end; a bucket already drained means at the next drain).
    /// </summary>
    private void End(StageScope scope, long conference, SessionState ended, long finalBucket, Action<object> signal)
    {
        scope.Put(EndedKey(conference, ended.Sequence), new WindowValue<SessionRecord>(0, ended.Record), WriteRank.Derived);
        Finals.Enqueue(scope, finalBucket, Item(conference, ended.Sequence));
        signal(new SessionSignal(ended.Record.EndReason, ended.Record.ParticipantMs, ended.Record.RecordingMs));
    }

    private static long Bucket(long timeMs) => TumblingWindow.StartOf(timeMs, BucketMs);

    /// <summary>
    /// The final record of a session ended at <paramref name="endedAtMs"/> by a <c>conference_end</c> that found it not
    /// yet due is drained at stream time <paramref name="streamTimeMs"/>: it was queued in its due bucket, and a drain
    /// empties every bucket before the one of stream time.
    /// </summary>
    private bool FinalDrained(long endedAtMs, long streamTimeMs) => Bucket(endedAtMs + GraceMs) + BucketMs <= streamTimeMs;

    /// <summary>
    /// The bucket for an item due at <paramref name="dueMs"/>: its own, or when that is drained already (every bucket
    /// before the one of <paramref name="streamTimeMs"/> is), the next one to be drained.
    /// </summary>
    private static long Undrained(long dueMs, long streamTimeMs) => Math.Max(Bucket(dueMs), Bucket(streamTimeMs));

    private static string Item(long conference, int session) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{conference}/{session}");

    private static (long Conference, int Session) ParseItem(string item)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        return (StateKeys.ParseId(item[..slash]), int.Parse(item[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
