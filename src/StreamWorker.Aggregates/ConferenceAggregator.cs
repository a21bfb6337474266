namespace StreamWorker.Aggregates;

/// <summary>
/// Contract section 3 for everything keyed by conference: applies one event to a conference's state following
/// the common rules of 3.0 (duplicate, then late, then apply) for each aggregate that consumes the event.
/// Pure: stream time is passed in, nothing reads a clock.
/// </summary>
public sealed class ConferenceAggregator(AggregateSettings settings)
{
    public AggregateSettings Settings { get; } = settings;

    /// <summary>The aggregates that consume an event kind.</summary>
    public static AggregateSet ConsumersOf(AggregateEventKind kind) => kind switch
    {
        AggregateEventKind.EnterConference or AggregateEventKind.LeaveConference => AggregateSet.Participants,
        AggregateEventKind.ConferenceEnd => AggregateSet.Participants | AggregateSet.LivestreamChurn,
        AggregateEventKind.EnterLivestream or AggregateEventKind.LeaveLivestream => AggregateSet.LivestreamChurn,
        AggregateEventKind.DialoutStatusChange => AggregateSet.DialoutAnswerRate,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// Applies <paramref name="e"/> to <paramref name="state"/>. <paramref name="streamTimeMs"/> is the partition's
    /// stream time after reading this event (so it is at least the event's own time).
    /// Late events leave the state untouched and are not marked seen.
    /// </summary>
    public ConferenceStepResult Apply(ConferenceState state, AggregateEvent e, long streamTimeMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);

        var consumers = ConsumersOf(e.Kind);
        var processedBefore = state.Seen.TryGetValue(e.EventId, out var seen) ? seen.ProcessedBy : AggregateSet.None;
        var pending = consumers & ~processedBefore;
        if (pending == AggregateSet.None)
        {
            return new ConferenceStepResult(EventDecision.Duplicate, AggregateSet.None, AggregateSet.None, null, null, null);
        }

        var lateFor = LateAggregates(state, e, pending, streamTimeMs);
        var toApply = pending & ~lateFor;
        ParticipantsRecord? participants = null;
        LivestreamChurnRecord? churn = null;
        DialoutAttemptChange? dialout = null;
        if (toApply != AggregateSet.None)
        {
            // Identifiers first: the emitted records carry those of the most recent applied event, this one included.
            state.CompanyId = e.CompanyId ?? state.CompanyId;
            state.HostId = e.HostId ?? state.HostId;
            state.LastEventTimeMs = Math.Max(state.LastEventTimeMs, e.TimeMs);
            if (toApply.HasFlag(AggregateSet.Participants)) participants = ApplyParticipants(state, e);
            if (toApply.HasFlag(AggregateSet.LivestreamChurn)) churn = ApplyLivestream(state, e);
            if (toApply.HasFlag(AggregateSet.DialoutAnswerRate)) dialout = ApplyDialout(state, e);
            state.Seen[e.EventId] = new SeenEvent(Math.Max(seen.TimeMs, e.TimeMs), processedBefore | toApply);
            Prune(state, streamTimeMs);
        }

        var decision = lateFor != AggregateSet.None ? EventDecision.Late : EventDecision.Applied;
        return new ConferenceStepResult(decision, toApply, lateFor, participants, churn, dialout);
    }

    /// <summary>True when nothing of the conference can change any more and its retention has passed.</summary>
    public bool IsExpired(ConferenceState state, long streamTimeMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        return streamTimeMs - state.LastEventTimeMs >= Settings.StateRetentionMs;
    }

    /// <summary>Drops closed windows and seen ids past retention; neither can affect any later decision.</summary>
    public void Prune(ConferenceState state, long streamTimeMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        RemoveWhere(state.ParticipantWindows, start => TumblingWindow.IsClosed(start, Settings.ParticipantsWindowMs, Settings.GraceMs, streamTimeMs));
        RemoveWhere(state.ChurnWindows, start => TumblingWindow.IsClosed(start, Settings.ChurnWindowMs, Settings.GraceMs, streamTimeMs));
        List<string>? expired = null;
        foreach (var (id, seen) in state.Seen)
        {
            if (streamTimeMs - seen.TimeMs >= Settings.StateRetentionMs) (expired ??= []).Add(id);
        }

        expired?.ForEach(id => state.Seen.Remove(id));
    }

    private AggregateSet LateAggregates(ConferenceState state, AggregateEvent e, AggregateSet pending, long streamTimeMs)
    {
        var late = AggregateSet.None;
        if (pending.HasFlag(AggregateSet.Participants)
            && TumblingWindow.IsClosed(TumblingWindow.StartOf(e.TimeMs, Settings.ParticipantsWindowMs), Settings.ParticipantsWindowMs, Settings.GraceMs, streamTimeMs))
        {
            late |= AggregateSet.Participants;
        }

        if (pending.HasFlag(AggregateSet.LivestreamChurn)
            && TumblingWindow.IsClosed(TumblingWindow.StartOf(e.TimeMs, Settings.ChurnWindowMs), Settings.ChurnWindowMs, Settings.GraceMs, streamTimeMs))
        {
            late |= AggregateSet.LivestreamChurn;
        }

        if (pending.HasFlag(AggregateSet.DialoutAnswerRate)
            && TumblingWindow.IsClosed(AttemptWindowStart(state, e), Settings.DialoutWindowMs, Settings.DialoutGraceMs, streamTimeMs))
        {
            late |= AggregateSet.DialoutAnswerRate;
        }

        return late;
    }

    /// <summary>The window of the attempt a status event belongs to: its own window when it starts a new attempt.</summary>
    private long AttemptWindowStart(ConferenceState state, AggregateEvent e)
    {
        var current = state.Attempts.GetValueOrDefault(e.ParticipantId!.Value);
        return StartsNewAttempt(current, e.Status!.Value)
            ? TumblingWindow.StartOf(e.TimeMs, Settings.DialoutWindowMs)
            : current!.WindowStartMs;
    }

    private static bool StartsNewAttempt(DialoutAttempt? current, DialoutStatus status) =>
        current is null || (status == DialoutStatus.New && current.Outcome != DialoutOutcome.Pending);

    private ParticipantsRecord ApplyParticipants(ConferenceState state, AggregateEvent e)
    {
        var start = TumblingWindow.StartOf(e.TimeMs, Settings.ParticipantsWindowMs);
        if (!state.ParticipantWindows.TryGetValue(start, out var window))
        {
            window = ParticipantsWindowState.CarryIn(state.Participants.Count);
            state.ParticipantWindows.Add(start, window);
        }

        switch (e.Kind)
        {
            case AggregateEventKind.EnterConference:
                if (state.Participants.Add(e.ParticipantId!.Value)) window.Joins++;
                break;
            case AggregateEventKind.LeaveConference:
                if (state.Participants.Remove(e.ParticipantId!.Value))
                {
                    window.Leaves++;
                    window.CountLeave(e.Reason!.Value);
                }

                break;
            case AggregateEventKind.ConferenceEnd:
                window.Leaves += state.Participants.Count;
                window.ConferenceEnd += state.Participants.Count;
                state.Participants.Clear();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "not a participants event");
        }

        window.ObserveSize(state.Participants.Count);
        return new ParticipantsRecord(
            state.ConferenceId, state.CompanyId, state.HostId, start, start + Settings.ParticipantsWindowMs,
            window.Joins, window.Leaves, window.Concurrent, window.PeakConcurrent,
            new ParticipantLeaveCounts(window.UserExit, window.UserDropped, window.HostKicked, window.HostKickedBlocked, window.ConferenceEnd));
    }

    private LivestreamChurnRecord ApplyLivestream(ConferenceState state, AggregateEvent e)
    {
        var start = TumblingWindow.StartOf(e.TimeMs, Settings.ChurnWindowMs);
        if (!state.ChurnWindows.TryGetValue(start, out var window))
        {
            window = ChurnWindowState.CarryIn(state.Viewers.Count);
            state.ChurnWindows.Add(start, window);
        }

        switch (e.Kind)
        {
            case AggregateEventKind.EnterLivestream:
                if (state.Viewers.Add(e.ParticipantId!.Value)) window.Enters++;
                break;
            case AggregateEventKind.LeaveLivestream:
                if (state.Viewers.Remove(e.ParticipantId!.Value))
                {
                    window.Leaves++;
                    window.CountLeave(e.Reason!.Value);
                }

                break;
            case AggregateEventKind.ConferenceEnd:
                window.Leaves += state.Viewers.Count;
                state.Viewers.Clear();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Kind, "not a livestream event");
        }

        window.ObserveSize(state.Viewers.Count);
        var denominator = window.ViewersAtStart + window.Enters;
        return new LivestreamChurnRecord(
            state.ConferenceId, state.CompanyId, start, start + Settings.ChurnWindowMs,
            window.ViewersAtStart, window.Enters, window.Leaves,
            new ViewerLeaveCounts(window.UserExit, window.UserDropped, window.HostKicked, window.HostKickedBlocked),
            window.PeakViewers,
            denominator == 0 ? null : (double)window.Leaves / denominator);
    }

    private DialoutAttemptChange ApplyDialout(ConferenceState state, AggregateEvent e)
    {
        var participantId = e.ParticipantId!.Value;
        var status = e.Status!.Value;
        var current = state.Attempts.GetValueOrDefault(participantId);
        DialoutAttempt attempt;
        if (StartsNewAttempt(current, status))
        {
            // The attempt belongs to the window of the event that started it, and to that event's company.
            attempt = new DialoutAttempt(
                (current?.Sequence ?? 0) + 1,
                TumblingWindow.StartOf(e.TimeMs, Settings.DialoutWindowMs),
                e.CompanyId!.Value,
                DialoutTransitions.Next(DialoutOutcome.Pending, status), 1);
        }
        else
        {
            attempt = current! with { Outcome = DialoutTransitions.Next(current!.Outcome, status), Version = current.Version + 1 };
        }

        state.Attempts[participantId] = attempt;
        return new DialoutAttemptChange(
            attempt.CompanyId, attempt.WindowStartMs,
            FormattableString.Invariant($"{state.ConferenceId}:{participantId}:{attempt.Sequence}"),
            attempt.Outcome, attempt.Version, e.TimeMs);
    }

    private static void RemoveWhere<TValue>(SortedDictionary<long, TValue> windows, Func<long, bool> closed)
    {
        List<long>? keys = null;
        foreach (var start in windows.Keys)
        {
            if (closed(start)) (keys ??= []).Add(start);
        }

        keys?.ForEach(k => windows.Remove(k));
    }
}
