using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

public class ParticipantsTests
{
    private static ParticipantLeaveCounts Leaves(int userExit = 0, int userDropped = 0, int hostKicked = 0, int blocked = 0, int end = 0) =>
        new(userExit, userDropped, hostKicked, blocked, end);

    [Fact]
    public void EnterThenLeave_InOneWindow_CountsJoinLeaveAndPeak()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 5), 1), Enter("b", At(0, 10), 2), Leave("c", At(0, 30), 1, LeaveReason.UserDropped));

        Assert.Equal(
            new ParticipantsRecord(Conference, Company, Host, At(0), At(1), Joins: 2, Leaves: 1, Concurrent: 1, PeakConcurrent: 2, Leaves(userDropped: 1)),
            run.Results[^1].Output<ParticipantsRecord>());
    }

    [Fact]
    public void Duplicate_MinutesLaterAfterOtherEvents_IsIgnoredWithoutRecord()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 5), 1), Leave("b", At(0, 20), 1));
        var before = run.Fingerprint();

        var result = run.Apply(Enter("a", At(0, 5), 1));

        Assert.Equal(EventDecision.Duplicate, result.Decision);
        Assert.Null(result.Output<ParticipantsRecord>());
        Assert.Equal(before, run.Fingerprint());
        Assert.DoesNotContain(1L, run.Participants);
    }

    [Fact]
    public void EnterOfPresentParticipant_ChangesNoCount()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 5), 1), Enter("b", At(0, 6), 1));

        Assert.Equal(EventDecision.Applied, run.Results[^1].Decision);
        Assert.Equal(new ParticipantsRecord(Conference, Company, Host, At(0), At(1), 1, 0, 1, 1, Leaves()), run.Results[^1].Output<ParticipantsRecord>());
    }

    [Fact]
    public void LeaveOfAbsentParticipant_ChangesNoCountNorReason()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 5), 1), Leave("b", At(0, 6), 9, LeaveReason.HostKicked));

        Assert.Equal(new ParticipantsRecord(Conference, Company, Host, At(0), At(1), 1, 0, 1, 1, Leaves()), run.Results[^1].Output<ParticipantsRecord>());
    }

    [Fact]
    public void Rejoin_CountsTwoJoins()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 1), 1), Leave("b", At(0, 2), 1, LeaveReason.UserDropped), Enter("c", At(0, 3), 1));

        Assert.Equal(new ParticipantsRecord(Conference, Company, Host, At(0), At(1), 2, 1, 1, 1, Leaves(userDropped: 1)), run.Results[^1].Output<ParticipantsRecord>());
        Assert.Contains(1L, run.Participants);
    }

    [Fact]
    public void ConferenceEnd_EmptiesTheSetAndCountsLeavesByConferenceEnd()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 1), 1), Enter("b", At(0, 2), 2), Enter("c", At(0, 3), 3), End("d", At(0, 40)));

        var result = run.Results[^1];
        Assert.Equal(new ParticipantsRecord(Conference, Company, Host, At(0), At(1), 3, 3, 0, 3, Leaves(end: 3)), result.Output<ParticipantsRecord>());
        Assert.Empty(run.Participants);
        // conference_end is also a livestream event: its churn window gets a record.
        Assert.NotNull(result.Output<LivestreamChurnRecord>());
    }

    [Fact]
    public void ConferenceEnd_WithoutCompany_KeepsTheLastSeenCompanyAndTakesItsHost()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 1), 1), End("b", At(0, 2), company: null, host: 6));

        Assert.Equal(Company, run.Results[^1].Output<ParticipantsRecord>()!.CompanyId);
        Assert.Equal(6, run.Results[^1].Output<ParticipantsRecord>()!.HostId);
    }

    [Fact]
    public void CompanyAndHost_AreThoseOfTheMostRecentAppliedEventInReadOrder()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 30), 1, company: 80, host: 8), Enter("b", At(0, 10), 2, company: 81, host: 9));

        Assert.Equal((81L, 9L), (run.Results[^1].Output<ParticipantsRecord>()!.CompanyId!.Value, run.Results[^1].Output<ParticipantsRecord>()!.HostId!.Value));
    }

    [Fact]
    public void NewWindow_CarriesInTheSetSizeAsPeak()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 1), 1), Enter("b", At(0, 2), 2), Leave("c", At(1, 10), 1));

        Assert.Equal(new ParticipantsRecord(Conference, Company, Host, At(1), At(2), 0, 1, 1, 2, Leaves(userExit: 1)), run.Results[^1].Output<ParticipantsRecord>());
    }

    [Fact]
    public void EventAtWindowEnd_BelongsToTheNextWindow()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 59), 1), Enter("b", At(1, 0), 2));

        Assert.Equal(At(1), run.Results[^1].Output<ParticipantsRecord>()!.WindowStartMs);
        Assert.Equal(At(2), run.Results[^1].Output<ParticipantsRecord>()!.WindowEndMs);
    }

    [Fact]
    public void OutOfOrderWithinGrace_UpdatesItsOwnWindowWithTheCurrentSetCarriedIn()
    {
        // Read order: 00:10 enter 1, 01:30 enter 2, then 00:50 leave 1 (window [0,1) is open until stream time 3:00).
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 10), 1), Enter("b", At(1, 30), 2), Leave("c", At(0, 50), 1));

        Assert.Equal(EventDecision.Applied, run.Results[^1].Decision);
        Assert.Equal(new ParticipantsRecord(Conference, Company, Host, At(0), At(1), 1, 1, 1, 1, Leaves(userExit: 1)), run.Results[^1].Output<ParticipantsRecord>());
    }

    [Fact]
    public void FirstEventOfAnOlderWindow_CarriesInTheSizeWhenItIsRead()
    {
        // Window [1,2) gets its first applied event after window [2,3) changed the set: carried in is 2, not 1.
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 10), 1), Enter("b", At(2, 10), 2), Enter("c", At(1, 30), 3));

        Assert.Equal(new ParticipantsRecord(Conference, Company, Host, At(1), At(2), 1, 0, 3, 3, Leaves()), run.Results[^1].Output<ParticipantsRecord>());
    }

    [Fact]
    public void WindowCloses_ExactlyAtWindowEndPlusGrace()
    {
        var open = new ConferenceRun();
        open.AdvanceStreamTime(At(2, 59) + 999);
        Assert.Equal(EventDecision.Applied, open.Apply(Enter("a", At(0, 30), 1)).Decision);

        var closed = new ConferenceRun();
        closed.AdvanceStreamTime(At(3));
        Assert.Equal(EventDecision.Late, closed.Apply(Enter("a", At(0, 30), 1)).Decision);
    }

    [Fact]
    public void LateEvent_ChangesNothingAndIsNotMarkedSeen()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 30), 1), Enter("b", At(5), 2));
        var before = run.Fingerprint();

        var first = run.Apply(Leave("c", At(0, 40), 1));
        var again = run.Apply(Leave("c", At(0, 40), 1));

        Assert.Equal(EventDecision.Late, first.Decision);

        // Earlier than the session's clock minus grace too: late for sessions as well.
        Assert.Equal(AggregateSet.Participants | AggregateSet.Sessions, first.LateFor);
        Assert.Null(first.Output<ParticipantsRecord>());
        Assert.Equal(EventDecision.Late, again.Decision);
        Assert.Equal(before, run.Fingerprint());
        Assert.Contains(1L, run.Participants);
    }

    [Fact]
    public void LateEventThatWouldChangeNothing_IsStillLate()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(10), 1));

        Assert.Equal(EventDecision.Late, run.Apply(Leave("b", At(0), 99)).Decision);
    }

    [Fact]
    public void ConferenceEnd_LateForParticipantsButNotForChurn_IsLateAndAppliedToChurnOnly()
    {
        // Stream time 04:00: the 1-minute window [0,1) closed at 03:00, the 5-minute window [0,5) is open until 07:00.
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 10), 1), Watch("b", At(0, 20), 7), Enter("c", At(4), 2));

        var result = run.Apply(End("d", At(0, 50)));

        Assert.Equal(EventDecision.Late, result.Decision);
        Assert.Equal(AggregateSet.Participants | AggregateSet.Sessions, result.LateFor);
        Assert.Equal(AggregateSet.LivestreamChurn | AggregateSet.CompanyUsage, result.AppliedBy);
        Assert.Null(result.Output<ParticipantsRecord>());
        Assert.Equal(1, result.Output<LivestreamChurnRecord>()!.Leaves);
        Assert.Equal(2, run.Participants.Count);
        Assert.Empty(run.Viewers);
    }

    [Fact]
    public void ClosedWindows_AreDroppedFromState_OnceTheirCloseIsCommitted()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0, 10), 1), Enter("b", At(10), 2));
        Assert.Contains(new ParticipantsRule(AggregateSettings.Default).WindowKey(Conference, At(0)), run.State.Keys);

        run.Commit();
        run.Commit();

        Assert.Equal([new ParticipantsRule(AggregateSettings.Default).WindowKey(Conference, At(10))], run.State.Keys.Where(k => k.StartsWith("wp/", StringComparison.Ordinal)));
    }
}
