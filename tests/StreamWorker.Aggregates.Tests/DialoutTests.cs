using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

public class DialoutTests
{
    private static DialoutAnswerRateRecord Window(long start, int attempts, int answered = 0, int rejected = 0, int noAnswer = 0, int cancelled = 0, int notEnabled = 0, int pending = 0, double? rate = null, long company = Company) =>
        new(company, start, start + (15 * 60_000), attempts, answered, rejected, noAnswer, cancelled, notEnabled, pending, rate);

    [Fact]
    public void NewDialedAnswered_IsOneAnsweredAttempt()
    {
        var run = new ConferenceRun().ApplyAll(
            Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(0, 10), 1, DialoutStatus.Dialed), Dial("c", At(0, 30), 1, DialoutStatus.Answered));

        Assert.Equal(
            [Window(At(0), 1, pending: 1), Window(At(0), 1, pending: 1), Window(At(0), 1, answered: 1, rate: 1.0)],
            run.DialoutRecords);
    }

    [Fact]
    public void RejectedThenAnswered_BecomesAnswered_SubtractingTheOldOutcome()
    {
        var run = new ConferenceRun().ApplyAll(
            Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(1), 1, DialoutStatus.Rejected));
        Assert.Equal(Window(At(0), 1, rejected: 1, rate: 0.0), run.LastDialout);

        run.Apply(Dial("c", At(2), 1, DialoutStatus.Answered));

        Assert.Equal(Window(At(0), 1, answered: 1, rate: 1.0), run.LastDialout);
    }

    public static TheoryData<DialoutStatus, DialoutStatus, DialoutAnswerRateRecord> FinalThenLaterStatus() => new()
    {
        { DialoutStatus.Answered, DialoutStatus.Rejected, Window(At(0), 1, answered: 1, rate: 1.0) }, // pressed 2 after answering
        { DialoutStatus.NoAnswer, DialoutStatus.Cancelled, Window(At(0), 1, noAnswer: 1, rate: 0.0) },
    };

    [Theory]
    [MemberData(nameof(FinalThenLaterStatus))]
    public void FirstFinalStatusWins_OverALaterOne(DialoutStatus first, DialoutStatus later, DialoutAnswerRateRecord expected)
    {
        var run = new ConferenceRun().ApplyAll(
            Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(1), 1, first), Dial("c", At(2), 1, later));

        Assert.Equal(expected, run.LastDialout);
    }

    [Fact]
    public void ReDialAfterFinalOutcome_StartsASecondAttempt()
    {
        var run = new ConferenceRun().ApplyAll(
            Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(1), 1, DialoutStatus.Rejected),
            Dial("c", At(2), 1, DialoutStatus.New), Dial("d", At(3), 1, DialoutStatus.Answered));

        Assert.Equal(Window(At(0), 2, answered: 1, rejected: 1, rate: 0.5), run.LastDialout);
    }

    [Fact]
    public void NewAfterOutcome_InALaterWindow_CountsInItsOwnWindow()
    {
        var run = new ConferenceRun().ApplyAll(
            Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(1), 1, DialoutStatus.NoAnswer), Dial("c", At(16), 1, DialoutStatus.New));

        Assert.Equal(Window(At(15), 1, pending: 1), run.LastDialout);
        Assert.Equal(Window(At(0), 1, noAnswer: 1, rate: 0.0), run.DialoutRecords[1]);
    }

    [Fact]
    public void NewWhileAttemptIsPending_BelongsToTheSameAttempt()
    {
        var run = new ConferenceRun().ApplyAll(Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(1), 1, DialoutStatus.New));

        Assert.Equal(Window(At(0), 1, pending: 1), run.LastDialout);
    }

    [Fact]
    public void StatusAfterFinalOutcome_OtherThanNew_BelongsToTheFinishedAttempt()
    {
        var run = new ConferenceRun().ApplyAll(
            Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(1), 1, DialoutStatus.Rejected), Dial("c", At(2), 1, DialoutStatus.Dialed));

        Assert.Equal(EventDecision.Applied, run.Results[^1].Decision);
        Assert.Equal(Window(At(0), 1, rejected: 1, rate: 0.0), run.LastDialout);
    }

    [Fact]
    public void AttemptStartedByAnotherStatus_StillCounts()
    {
        var run = new ConferenceRun().ApplyAll(Dial("a", At(0), 1, DialoutStatus.Dialed), Dial("b", At(1), 1, DialoutStatus.Answered));

        Assert.Equal(Window(At(0), 1, answered: 1, rate: 1.0), run.LastDialout);
    }

    [Fact]
    public void NotEnabled_CountsAsAttemptButNotInTheRate()
    {
        var run = new ConferenceRun().ApplyAll(Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(0, 1), 1, DialoutStatus.NotEnabled));

        Assert.Equal(Window(At(0), 1, notEnabled: 1, rate: null), run.LastDialout);
    }

    [Fact]
    public void OutcomeWithinTheDialoutGrace_UpdatesTheAttemptsWindow()
    {
        // The attempt's window [0,15) closes at stream time 30:00.
        var run = new ConferenceRun().ApplyAll(Dial("a", At(0), 1, DialoutStatus.New), Dial("b", At(29, 59), 1, DialoutStatus.Answered));

        Assert.Equal(Window(At(0), 1, answered: 1, rate: 1.0), run.LastDialout);
    }

    [Fact]
    public void OutcomeAfterTheAttemptsWindowClosed_IsLate()
    {
        var run = new ConferenceRun().ApplyAll(Dial("a", At(14), 1, DialoutStatus.New));

        var result = run.Apply(Dial("b", At(30), 1, DialoutStatus.Answered));

        Assert.Equal(EventDecision.Late, result.Decision);
        Assert.Null(result.Output<DialoutAttemptChange>());
        Assert.Equal(DialoutOutcome.Pending, ((AttemptValue)run.State.Read(DialoutAttemptRule.AttemptKey(Conference, 1))!).Outcome);
        Assert.Single(run.DialoutRecords, r => !r.Final);
    }

    [Fact]
    public void AttemptsOfDifferentCompanies_CountSeparately()
    {
        var run = new ConferenceRun().ApplyAll(Dial("a", At(0), 1, DialoutStatus.New, company: 77), Dial("b", At(1), 2, DialoutStatus.Answered, company: 78));

        Assert.Equal(Window(At(0), 1, answered: 1, rate: 1.0, company: 78), run.LastDialout);
        Assert.Equal(Window(At(0), 1, pending: 1, company: 77), run.DialoutRecords[0]);
    }

    [Fact]
    public void Attempt_StatusFromAnotherCompany_StaysWithTheCompanyThatStartedIt()
    {
        var run = new ConferenceRun().ApplyAll(Dial("a", At(0), 1, DialoutStatus.New, company: 77), Dial("b", At(1), 1, DialoutStatus.Answered, company: 78));

        Assert.Equal(Window(At(0), 1, answered: 1, rate: 1.0, company: 77), run.LastDialout);
        Assert.DoesNotContain(run.CompanyStore.Keys, k => k.StartsWith("wd/78/", StringComparison.Ordinal));
    }

    [Fact]
    public void CompanyStage_IgnoresAStaleChange_AndReEmitsAChangeReadAgainAfterARestart()
    {
        var store = new MemoryStageStore();
        var companies = new CompanyStage(AggregateSettings.Default, store);
        var pending = new DialoutAttemptChange(Company, At(0), "1001:1:1", DialoutOutcome.Pending, 1, At(0));
        var answered = pending with { Outcome = DialoutOutcome.Answered, Version = 2 };

        companies.Apply(pending, 0);
        var afterAnswer = companies.Apply(answered, 1).Record;

        Assert.Null(companies.Apply(pending, 2).Record);
        Assert.Null(companies.Apply(answered, 3).Record);
        Assert.Equal(Window(At(0), 1, answered: 1, rate: 1.0), afterAnswer);

        // Read again at its own offset (a restart before the commit): the window's record, counted once.
        var restarted = new CompanyStage(AggregateSettings.Default, store);
        Assert.Equal(afterAnswer, restarted.Apply(answered, 1).Record);
        Assert.Equal(afterAnswer, restarted.Apply(pending, 2).Record ?? afterAnswer);
    }

    [Fact]
    public void CompanyWindow_IsFinal_OnceTheSlowestEventsPartitionHasPassedIt()
    {
        // Three events partitions; only 0 and 1 send attempts to the window [0:00, 0:15), which closes at 0:30.
        var companies = new CompanyStage(AggregateSettings.Default, new MemoryStageStore());
        long offset = 0;
        CompanyStepResult Progress(int source, int minutes) => companies.Apply(DialoutAttemptChange.Progress(source, 3, 0, At(minutes)), offset++);
        var fromA = new DialoutAttemptChange(Company, At(0), "1001:1:1", DialoutOutcome.Answered, 1, At(0), Source: 0);
        var fromB = new DialoutAttemptChange(Company, At(0), "2002:1:1", DialoutOutcome.Rejected, 1, At(1), Source: 1);
        companies.Apply(fromA, offset++);
        companies.Apply(fromB, offset++);

        // The two partitions that sent attempts are past the close; partition 2 has not said where it is.
        Assert.Empty(Progress(0, 31).Records);
        Assert.Empty(Progress(1, 45).Records);

        // Partition 2, behind, sends an attempt to the same window: it is on time by its own stream time and counts.
        var fromC = new DialoutAttemptChange(Company, At(0), "3003:1:1", DialoutOutcome.Answered, 1, At(14), Source: 2);
        var latest = companies.Apply(fromC, offset++).Record!;
        Assert.Equal(3, latest.Attempts);
        Assert.Empty(Progress(2, 29).Records);

        var final = Assert.Single(Progress(2, 30).Records);
        Assert.Equal(latest with { Final = true }, final);

        // A change of a complete window can only be a resend of one counted before: it changes nothing.
        Assert.Empty(companies.Apply(fromC with { AttemptKey = "3003:2:1" }, offset++).Records);
        Assert.Empty(Progress(2, 60).Records);
    }

    [Fact]
    public void CompanyWindows_CloseInOrder_WhenOneProgressRecordPassesSeveral()
    {
        var companies = new CompanyStage(AggregateSettings.Default, new MemoryStageStore());
        companies.Apply(new DialoutAttemptChange(Company, At(0), "1001:1:1", DialoutOutcome.Answered, 1, At(0)), 0);
        companies.Apply(new DialoutAttemptChange(Company + 1, At(15), "1002:1:1", DialoutOutcome.Rejected, 1, At(16)), 1);
        companies.Apply(new DialoutAttemptChange(Company, At(30), "1003:1:1", DialoutOutcome.Pending, 1, At(31)), 2);

        var finals = companies.Apply(DialoutAttemptChange.Progress(0, 1, 0, At(45)), 3).Records.Cast<DialoutAnswerRateRecord>().ToList();

        Assert.Equal([(Company, At(0)), (Company + 1, At(15))], finals.Select(r => (r.CompanyId, r.WindowStartMs)));
        Assert.All(finals, r => Assert.True(r.Final));
    }

    [Fact]
    public void LateStatus_RedeliveredWhileANewerAttemptIsOpen_BelongsToThatAttempt()
    {
        // "new" at 0:00 arrives after stream time reached 0:30 (window [0:00, 0:15) closed at 0:30): late, not seen.
        var run = new ConferenceRun();
        run.AdvanceStreamTime(At(30));
        var first = run.Apply(Dial("late", At(0), 1, DialoutStatus.New));
        Assert.Equal(AggregateSet.DialoutAnswerRate, first.LateFor);

        // A later attempt opens in [0:15, 0:30); the same "new" delivered again now belongs to it (its window is
        // open) and, being "new" on a pending attempt, changes no count.
        run.Apply(Dial("dialed", At(15), 1, DialoutStatus.Dialed));
        var again = run.Apply(Dial("late", At(0), 1, DialoutStatus.New));

        Assert.Equal(AggregateSet.None, again.LateFor);
        Assert.Equal(Window(At(15), 1, pending: 1), run.LastDialout);
    }
}
