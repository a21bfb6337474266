namespace StreamWorker.Aggregates.Dialout;

/// <summary>
/// The dial-out attempts of each (conference, participant) (docs/aggregates.md, "Dial-out answer rate"): an attempt
/// starts with a status that finds no open attempt, takes the window and company of the event that started it, and
/// its outcome follows <see cref="DialoutTransitions"/>. Each applied status emits the attempt's change for the
/// company stage, which keeps the windows (<see cref="CompanyStage"/>). Keys: the current attempt under
/// <c>a/&lt;conference&gt;/&lt;participant&gt;</c>, an earlier one under <c>as/&lt;conference&gt;/&lt;participant&gt;/&lt;n&gt;</c>
/// when the next starts (a replay may need to emit it again).
/// </summary>
public sealed class DialoutAttemptRule(AggregateSettings settings) : ConferenceRule
{
    public override string Name => "d";

    public override AggregateSet Aggregate => AggregateSet.DialoutAnswerRate;

    public override long WindowMs => settings.DialoutWindowMs;

    public override long GraceMs => settings.DialoutGraceMs;

    public override bool ClosesWindowsHere => false;

    public static string AttemptKey(long conference, long participant) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a/{conference}/{participant}");

    public static string EarlierAttemptKey(long conference, long participant, int sequence) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"as/{conference}/{participant}/{sequence}");

    public override bool Consumes(AggregateEventKind kind) => kind == AggregateEventKind.DialoutStatusChange;

    /// <summary>
    /// Late when the window of the event's attempt is closed; or when the attempt was written by a later record (this one
    /// is read again after a restart): had this aggregate applied the event, its seen entry would say so.
    /// </summary>
    public override bool IsLate(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        return context.Get<AttemptValue>(AttemptKey(e.ConferenceId, e.ParticipantId!.Value))?.Offset > context.Offset || base.IsLate(e, context);
    }

    /// <summary>The window of the event's attempt (3.3): its own window when it starts a new attempt.</summary>
    public override long WindowOf(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var current = context.Get<AttemptValue>(AttemptKey(e.ConferenceId, e.ParticipantId!.Value));
        return StartsNewAttempt(current, e.Status!.Value) ? TumblingWindow.StartOf(e.TimeMs, WindowMs) : current!.WindowStartMs;
    }

    /// <summary>
    /// The sequence of the attempt the event applies to (so that a replay emits that attempt's change), and whether
    /// the event started it (<see cref="StartedAttempt"/>, read by the rules that count attempts started).
    /// </summary>
    public override int NoteOf(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var current = context.Get<AttemptValue>(AttemptKey(e.ConferenceId, e.ParticipantId!.Value));
        return StartsNewAttempt(current, e.Status!.Value) ? (((current?.Sequence ?? 0) + 1) << 1) | 1 : current!.Sequence << 1;
    }

    /// <summary>The sequence of the attempt the event applied to (the dial-out aggregate applying it), from its note.</summary>
    public static int AttemptOf(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Note >> 1;
    }

    /// <summary>True when the event whose note this is (the dial-out aggregate applying it) started an attempt (docs/aggregates.md, 3.3).</summary>
    public static bool StartedAttempt(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.AppliedBy.HasFlag(AggregateSet.DialoutAnswerRate) && (context.Note & 1) == 1;
    }

    public override void Apply(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var key = AttemptKey(e.ConferenceId, e.ParticipantId!.Value);

        // An attempt this event already wrote (a replay) is left alone: computed again from what it holds now, it
        // could start an attempt the event never started.
        if (context.WrittenBefore(key)) return;
        var current = context.Get<AttemptValue>(key);
        var status = e.Status!.Value;

        // The attempt belongs to the window of the event that started it, and to that event's company.
        var next = StartsNewAttempt(current, status)
            ? new AttemptValue(0, (current?.Sequence ?? 0) + 1, TumblingWindow.StartOf(e.TimeMs, WindowMs), e.CompanyId!.Value, DialoutTransitions.Next(DialoutOutcome.Pending, status), 1)
            : current! with { Outcome = DialoutTransitions.Next(current.Outcome, status), Version = current.Version + 1 };
        if (current is null) context.Own(key);
        if (current is not null && next.Sequence != current.Sequence)
        {
            var earlier = EarlierAttemptKey(e.ConferenceId, e.ParticipantId.Value, current.Sequence);
            context.Own(earlier);
            context.Put(earlier, current);
        }

        if (next.Outcome != DialoutOutcome.Pending && (next.Version == 1 || next.Outcome != current?.Outcome)) context.Signal(new DialoutOutcomeReached(next.Outcome));
        context.PutLast(key, next);
    }

    /// <summary>The change of the event's attempt, from its stored state: the current attempt, or the earlier one it applied to.</summary>
    public override object? Emitted(AggregateEvent e, RuleContext context, int note)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        var participant = e.ParticipantId!.Value;
        note >>= 1;
        var attempt = context.Get<AttemptValue>(AttemptKey(e.ConferenceId, participant)) is { } current && current.Sequence == note
            ? current
            : context.Get<AttemptValue>(EarlierAttemptKey(e.ConferenceId, participant, note));
        return attempt is null ? null : new DialoutAttemptChange(
            attempt.CompanyId, attempt.WindowStartMs, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.ConferenceId}:{participant}:{attempt.Sequence}"),
            attempt.Outcome, attempt.Version, e.TimeMs);
    }

    /// <summary>Whether a status starts a new attempt, given the current one (3.3): none, or a <c>new</c> after a final outcome.</summary>
    internal static bool StartsNewAttempt(AttemptValue? current, DialoutStatus status) =>
        current is null || (status == DialoutStatus.New && current.Outcome != DialoutOutcome.Pending);
}
