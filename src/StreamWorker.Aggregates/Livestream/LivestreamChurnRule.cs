namespace StreamWorker.Aggregates.Livestream;

/// <summary>
/// Livestream churn per conference and window (docs/aggregates.md, "Livestream churn"): viewers at the start, enters,
/// leaves by <c>reason_for_leaving</c>, the peak and the churn rate. Keys: the window's record under
/// <c>wc/&lt;conference&gt;/&lt;start&gt;</c>, each viewer's presence under <c>v/&lt;conference&gt;/&lt;viewer&gt;</c>.
/// </summary>
public sealed class LivestreamChurnRule(AggregateSettings settings) : WindowedRule<LivestreamChurnRecord>
{
    public override string Name => "c";

    public override AggregateSet Aggregate => AggregateSet.LivestreamChurn;

    public override long WindowMs => settings.ChurnWindowMs;

    public override long GraceMs => settings.GraceMs;

    public override IReadOnlyList<string> PresenceSets { get; } = ["viewers"];

    protected override string WindowPrefix => "wc";

    public static string ViewerKey(long conference, long viewer) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v/{conference}/{viewer}");

    public override bool Consumes(AggregateEventKind kind) =>
        kind is AggregateEventKind.EnterLivestream or AggregateEventKind.LeaveLivestream or AggregateEventKind.ConferenceEnd;

    protected override LivestreamChurnRecord NewWindow(AggregateEvent e, RuleContext context, long windowStart)
    {
        var watching = context.Set(0).Count;
        return new LivestreamChurnRecord(e.ConferenceId, null, windowStart, windowStart + WindowMs, watching, 0, 0, new ViewerLeaveCounts(0, 0, 0, 0), watching, null);
    }

    protected override LivestreamChurnRecord Apply(AggregateEvent e, RuleContext context, LivestreamChurnRecord r)
    {
        var set = context.Set(0);
        int enters = r.Enters, leaves = r.Leaves;
        var reasons = r.LeavesByReason;
        if (e.Kind == AggregateEventKind.ConferenceEnd)
        {
            // Viewers removed by the end count as leaves, but under no reason (3.2).
            leaves += set.Clear();
        }
        else
        {
            var move = set.Move(ViewerKey(e.ConferenceId, e.ParticipantId!.Value), e.Kind == AggregateEventKind.EnterLivestream);
            if (move > 0) enters++;
            if (move < 0)
            {
                leaves++;
                reasons = reasons.Count(e.Reason!.Value);
                context.Signal(new ViewerLeft(e.Reason.Value));
            }
        }

        var denominator = r.ViewersAtStart + enters;
        return r with
        {
            CompanyId = context.CompanyId, Enters = enters, Leaves = leaves, LeavesByReason = reasons,
            PeakViewers = Math.Max(r.PeakViewers, set.Count), ChurnRate = denominator == 0 ? null : (double)leaves / denominator,
        };
    }

    protected override LivestreamChurnRecord AsFinal(LivestreamChurnRecord record) => record with { Final = true };
}
