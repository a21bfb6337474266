namespace StreamWorker.Aggregates.Dialout;

/// <summary>The outcome counts of one dial-out window, derived from the attempts' outcomes.</summary>
public sealed class DialoutCounts
{
    private readonly int[] byOutcome = new int[Enum.GetValues<DialoutOutcome>().Length];

    public static DialoutCounts Of(DialoutAnswerRateRecord? r)
    {
        var c = new DialoutCounts();
        if (r is null) return c;
        c.byOutcome[(int)DialoutOutcome.Pending] = r.Pending;
        c.byOutcome[(int)DialoutOutcome.Answered] = r.Answered;
        c.byOutcome[(int)DialoutOutcome.Rejected] = r.Rejected;
        c.byOutcome[(int)DialoutOutcome.NoAnswer] = r.NoAnswer;
        c.byOutcome[(int)DialoutOutcome.Cancelled] = r.Cancelled;
        c.byOutcome[(int)DialoutOutcome.NotEnabled] = r.NotEnabled;
        return c;
    }

    public void Add(DialoutOutcome outcome, int n) => byOutcome[(int)outcome] += n;

    public DialoutAnswerRateRecord Record(long company, long start, long end)
    {
        int N(DialoutOutcome o) => byOutcome[(int)o];
        var decided = N(DialoutOutcome.Answered) + N(DialoutOutcome.Rejected) + N(DialoutOutcome.NoAnswer) + N(DialoutOutcome.Cancelled);
        return new DialoutAnswerRateRecord(
            company, start, end, byOutcome.Sum(),
            N(DialoutOutcome.Answered), N(DialoutOutcome.Rejected), N(DialoutOutcome.NoAnswer), N(DialoutOutcome.Cancelled),
            N(DialoutOutcome.NotEnabled), N(DialoutOutcome.Pending),
            decided == 0 ? null : (double)N(DialoutOutcome.Answered) / decided);
    }
}
