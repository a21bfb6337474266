namespace StreamWorker.Tests.Topology;

/// <summary>
/// How the topology keys and routes each output: per conference for participants and churn, per company (after
/// the repartition) for the dialout answer rate, one record per update. The counts themselves are the aggregates'
/// (StreamWorker.Aggregates.Tests) and the equivalence test shows the topology emits exactly those.
/// </summary>
[Trait("Layer", "Unit")]
public class OutputKeyTopologyTests
{
    [Fact]
    public void Participants_EmitTheWindowRecordOnEveryUpdate_KeyedByConference()
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
    public void LivestreamChurn_EmitsTheWindowRecordOnEveryUpdate_KeyedByConference()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_livestream", Time(1), Watch(1));
        h.Pipe("e2", "leave_livestream", Time(2), StopWatching(1, "user_dropped"));

        Assert.Equal(
            [
                new OutputRecord(Conference, ChurnJson(0, atStart: 0, enters: 1, leaves: 0, peak: 1, rate: "0")),
                new OutputRecord(Conference, ChurnJson(0, atStart: 0, enters: 1, leaves: 1, peak: 1, rate: "1", userDropped: 1)),
            ],
            h.Churn);
    }

    [Fact]
    public void DialoutAnswerRate_IsKeyedByCompany_AndCountedPerCompany()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "answered", company: 77));
        h.Pipe("d2", "dialout_status_change", Time(1), Dial(2, "rejected", company: 78));

        Assert.Equal(
            [new OutputRecord("77", DialoutJson(0, 1, "1", answered: 1)), new OutputRecord("78", DialoutJson(0, 1, "0", rejected: 1, company: "78"))],
            h.Dialout);
    }
}
