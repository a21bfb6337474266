namespace StreamWorker.Aggregates.Participants;

/// <summary>
/// Concurrent participants per conference and window (docs/aggregates.md, "Participants"): joins, leaves by reason,
/// <c>concurrent</c> and its peak. Keys: the window's record under <c>wp/&lt;conference&gt;/&lt;start&gt;</c>, each
/// participant's presence under <c>p/&lt;conference&gt;/&lt;participant&gt;</c>.
/// </summary>
public sealed class ParticipantsRule(AggregateSettings settings) : WindowedRule<ParticipantsRecord>
{
    public override string Name => "p";

    public override AggregateSet Aggregate => AggregateSet.Participants;

    public override long WindowMs => settings.ParticipantsWindowMs;

    public override long GraceMs => settings.GraceMs;

    public override IReadOnlyList<string> PresenceSets { get; } = ["participants"];

    protected override string WindowPrefix => "wp";

    public static string ParticipantKey(long conference, long participant) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"p/{conference}/{participant}");

    public override bool Consumes(AggregateEventKind kind) =>
        kind is AggregateEventKind.EnterConference or AggregateEventKind.LeaveConference or AggregateEventKind.ConferenceEnd;

    protected override ParticipantsRecord NewWindow(AggregateEvent e, RuleContext context, long windowStart)
    {
        var present = context.Set(0).Count;
        return new ParticipantsRecord(e.ConferenceId, null, null, windowStart, windowStart + WindowMs, 0, 0, present, present, new ParticipantLeaveCounts(0, 0, 0, 0, 0));
    }

    protected override ParticipantsRecord Apply(AggregateEvent e, RuleContext context, ParticipantsRecord r)
    {
        var set = context.Set(0);
        int joins = r.Joins, leaves = r.Leaves;
        var reasons = r.LeavesByReason;
        if (e.Kind == AggregateEventKind.ConferenceEnd)
        {
            var ended = set.Clear();
            leaves += ended;
            reasons = reasons with { ConferenceEnd = reasons.ConferenceEnd + ended };
        }
        else
        {
            var move = set.Move(ParticipantKey(e.ConferenceId, e.ParticipantId!.Value), e.Kind == AggregateEventKind.EnterConference);
            if (move > 0) joins++;
            if (move < 0)
            {
                leaves++;
                reasons = reasons.Count(e.Reason!.Value);
            }
        }

        return r with
        {
            CompanyId = context.CompanyId, HostId = context.HostId, Joins = joins, Leaves = leaves, Concurrent = set.Count,
            PeakConcurrent = Math.Max(r.PeakConcurrent, set.Count), LeavesByReason = reasons,
        };
    }

    protected override ParticipantsRecord AsFinal(ParticipantsRecord record) => record with { Final = true };
}
