using static StreamWorker.Tests.Support.Topology.Scenario;
using static StreamWorker.Tests.Support.Topology.TopologyHarness;
using StreamWorker.Tests.Support.Topology;

namespace StreamWorker.Tests.Topology;

public class ParticipantsTopologyTests
{
    [Fact]
    public void EnterAndLeave_EmitTheWindowRecordOnEveryUpdate_KeyedByConference()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 5), Enter(1));
        h.Pipe("e2", "enter_conference", Time(0, 10), Enter(2));
        h.Pipe("e3", "leave_conference", Time(0, 30), Leave(1, "user_dropped"));

        Assert.Equal(
            [
                new OutputRecord(Conference, ParticipantsJson(0, joins: 1, leaves: 0, concurrent: 1, peak: 1)),
                new OutputRecord(Conference, ParticipantsJson(0, joins: 2, leaves: 0, concurrent: 2, peak: 2)),
                new OutputRecord(Conference, ParticipantsJson(0, joins: 2, leaves: 1, concurrent: 1, peak: 2, userDropped: 1)),
            ],
            h.Participants);
    }

    [Fact]
    public void Rejoin_CountsBothJoins()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 1), Enter(1));
        h.Pipe("e2", "leave_conference", Time(0, 2), Leave(1, "user_dropped"));
        h.Pipe("e3", "enter_conference", Time(0, 3), Enter(1));

        Assert.Equal(ParticipantsJson(0, joins: 2, leaves: 1, concurrent: 1, peak: 1, userDropped: 1), h.Participants[^1].Json);
    }

    [Fact]
    public void LeaveOfAbsentParticipant_AndEnterOfPresentOne_ChangeNoCount()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 1), Enter(1));
        h.Pipe("e2", "enter_conference", Time(0, 2), Enter(1));
        h.Pipe("e3", "leave_conference", Time(0, 3), Leave(9, "host_kicked"));

        Assert.All(h.Participants, r => Assert.Equal(ParticipantsJson(0, joins: 1, leaves: 0, concurrent: 1, peak: 1), r.Json));
    }

    [Fact]
    public void ConferenceEnd_EmptiesTheSet_CountingLeavesByConferenceEnd_AndKeepsTheLastSeenCompany()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 1), Enter(1));
        h.Pipe("e2", "enter_conference", Time(0, 2), Enter(2));
        h.Pipe("e3", "conference_end", Time(0, 40), End(host: 6));

        Assert.Equal(ParticipantsJson(0, joins: 2, leaves: 2, concurrent: 0, peak: 2, conferenceEnd: 2, host: "6"), h.Participants[^1].Json);
    }

    [Fact]
    public void CompanyAndHost_FollowTheMostRecentAppliedEvent()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 1), Enter(1, company: 80, host: 8));
        h.Pipe("e2", "enter_conference", Time(0, 2), Enter(2, company: 81, host: 9));

        Assert.Equal(ParticipantsJson(0, joins: 2, leaves: 0, concurrent: 2, peak: 2, company: "81", host: "9"), h.Participants[^1].Json);
    }

    [Fact]
    public void WindowBoundary_AnEventAtWindowEndOpensTheNextWindowWithTheSetCarriedIn()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 59, 999), Enter(1));
        h.Pipe("e2", "enter_conference", Time(1), Enter(2));
        h.Pipe("e3", "leave_conference", Time(1, 30), Leave(1));

        Assert.Equal(
            [
                ParticipantsJson(0, joins: 1, leaves: 0, concurrent: 1, peak: 1),
                ParticipantsJson(1, joins: 1, leaves: 0, concurrent: 2, peak: 2),
                ParticipantsJson(1, joins: 1, leaves: 1, concurrent: 1, peak: 2, userExit: 1),
            ],
            h.Participants.Select(r => r.Json));
    }

    [Fact]
    public void OutOfOrderWithinGrace_UpdatesTheEarlierWindow()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 10), Enter(1));
        h.Pipe("e2", "enter_conference", Time(2, 50), Enter(2));
        // Window [0,1) closes at stream time 03:00; stream time is 02:50.
        h.Pipe("e3", "leave_conference", Time(0, 50), Leave(1));

        Assert.Equal(ParticipantsJson(0, joins: 1, leaves: 1, concurrent: 1, peak: 1, userExit: 1), h.Participants[^1].Json);
        Assert.Empty(h.DeadLetters);
    }
}
