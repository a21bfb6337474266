using static StreamWorker.Tests.Support.Topology.Scenario;
using static StreamWorker.Tests.Support.Topology.TopologyHarness;
using StreamWorker.Tests.Support.Topology;

namespace StreamWorker.Tests.Topology;

public class DialoutTopologyTests
{
    [Fact]
    public void NewDialedAnswered_IsOneAnsweredAttempt_KeyedByCompany()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(0, 10), Dial(1, "dialed"));
        h.Pipe("d3", "dialout_status_change", Time(0, 40), Dial(1, "answered"));

        Assert.Equal(new OutputRecord(Company, DialoutJson(0, attempts: 1, rate: "1", answered: 1)), h.Dialout[^1]);
        Assert.Equal(DialoutJson(0, attempts: 1, rate: "null", pending: 1), h.Dialout[0].Json);
    }

    [Fact]
    public void AnsweredThenRejected_StaysAnswered()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(1), Dial(1, "answered"));
        h.Pipe("d3", "dialout_status_change", Time(2), Dial(1, "rejected"));

        Assert.Equal(DialoutJson(0, attempts: 1, rate: "1", answered: 1), h.Dialout[^1].Json);
    }

    [Fact]
    public void RejectedThenAnswered_MovesTheAttemptFromRejectedToAnswered()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(1), Dial(1, "rejected"));
        h.Pipe("d3", "dialout_status_change", Time(2), Dial(1, "answered"));

        Assert.Equal(
            [DialoutJson(0, 1, "null", pending: 1), DialoutJson(0, 1, "0", rejected: 1), DialoutJson(0, 1, "1", answered: 1)],
            h.Dialout.Select(r => r.Json));
    }

    [Fact]
    public void FirstFinalStatusWins()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(1), Dial(1, "noanswer"));
        h.Pipe("d3", "dialout_status_change", Time(2), Dial(1, "cancelled"));

        Assert.Equal(DialoutJson(0, attempts: 1, rate: "0", noAnswer: 1), h.Dialout[^1].Json);
    }

    [Fact]
    public void ReDialAfterFinalOutcome_IsASecondAttemptInTheSameWindow()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(1), Dial(1, "rejected"));
        h.Pipe("d3", "dialout_status_change", Time(2), Dial(1, "new"));
        h.Pipe("d4", "dialout_status_change", Time(3), Dial(1, "answered"));

        Assert.Equal(DialoutJson(0, attempts: 2, rate: "0.5", answered: 1, rejected: 1), h.Dialout[^1].Json);
    }

    [Fact]
    public void NewAfterOutcome_InALaterWindow_CountsThere()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(1), Dial(1, "cancelled"));
        h.Pipe("d3", "dialout_status_change", Time(16), Dial(1, "new"));

        Assert.Equal(
            [DialoutJson(0, 1, "null", pending: 1), DialoutJson(0, 1, "0", cancelled: 1), DialoutJson(15, 1, "null", pending: 1)],
            h.Dialout.Select(r => r.Json));
    }

    [Fact]
    public void NotEnabledOnly_GivesANullRate()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "notenabled"));

        Assert.Equal(DialoutJson(0, attempts: 1, rate: "null", notEnabled: 1), h.Dialout.Single().Json);
    }

    [Fact]
    public void OutcomeWithinDialoutGrace_UpdatesTheAttemptsWindow_OutcomeAfterIt_IsLate()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(14), Dial(2, "new"));
        h.Pipe("d3", "dialout_status_change", Time(29, 59), Dial(1, "answered"));
        // The window [0,15) closes at stream time 30:00, and this event's own time brings stream time there.
        h.Pipe("d4", "dialout_status_change", Time(30), Dial(2, "answered"));

        // The last update, then (stream time 30:00 closed the window) the same record as the window's final one.
        Assert.Equal(DialoutJson(0, attempts: 2, rate: "1", answered: 1, pending: 1), h.Dialout[^2].Json);
        Assert.Equal(DialoutJson(0, attempts: 2, rate: "1", answered: 1, pending: 1, final: true), h.Dialout[^1].Json);
        var late = Assert.Single(h.DeadLetters);
        Assert.Equal("\"d4\"", late.Field("event_id"));
        Assert.Equal("\"late\"", late.Field("reason"));
    }

    [Fact]
    public void AttemptsOfTwoCompanies_AreCountedPerCompany()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "answered", company: 77));
        h.Pipe("d2", "dialout_status_change", Time(1), Dial(2, "rejected", company: 78));

        Assert.Equal(
            [new OutputRecord("77", DialoutJson(0, 1, "1", answered: 1)), new OutputRecord("78", DialoutJson(0, 1, "0", rejected: 1, company: "78"))],
            h.Dialout);
    }
}
