using static StreamWorker.Tests.Support.Topology.Scenario;
using static StreamWorker.Tests.Support.Topology.TopologyHarness;
using StreamWorker.Tests.Support.Topology;

namespace StreamWorker.Tests.Topology;

public class LivestreamChurnTopologyTests
{
    [Fact]
    public void Churn_CarriesViewersIn_AndComputesTheRate()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_livestream", Time(1), Watch(1));
        h.Pipe("e2", "enter_livestream", Time(2), Watch(2));
        h.Pipe("e3", "leave_livestream", Time(5, 30), StopWatching(1, "user_dropped"));
        h.Pipe("e4", "enter_livestream", Time(6), Watch(3));
        h.Pipe("e5", "leave_livestream", Time(7), StopWatching(3, "host_kicked"));

        Assert.Equal(
            [
                ChurnJson(0, atStart: 0, enters: 1, leaves: 0, peak: 1, rate: "0"),
                ChurnJson(0, atStart: 0, enters: 2, leaves: 0, peak: 2, rate: "0"),
                ChurnJson(5, atStart: 2, enters: 0, leaves: 1, peak: 2, rate: "0.5", userDropped: 1),
                ChurnJson(5, atStart: 2, enters: 1, leaves: 1, peak: 2, rate: "0.3333333333333333", userDropped: 1),

                // Stream time 0:07 closes [0:00, 0:05) (end plus two minutes of grace): its final record, as it last was.
                ChurnJson(0, atStart: 0, enters: 2, leaves: 0, peak: 2, rate: "0", final: true),
                ChurnJson(5, atStart: 2, enters: 1, leaves: 2, peak: 2, rate: "0.6666666666666666", userDropped: 1, hostKicked: 1),
            ],
            h.Churn.Select(r => r.Json));
        Assert.All(h.Churn, r => Assert.Equal(Conference, r.Key));
    }

    [Fact]
    public void ChurnRate_IsNullWhenNoViewerWasThereOrCame()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "leave_livestream", Time(1), StopWatching(1));

        Assert.Equal(ChurnJson(0, atStart: 0, enters: 0, leaves: 0, peak: 0, rate: "null"), h.Churn.Single().Json);
    }

    [Fact]
    public void ConferenceEnd_CountsInLeavesOnly_AndUpdatesBothAggregates()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_livestream", Time(1), Watch(1));
        h.Pipe("e2", "enter_conference", Time(1, 30), Enter(2));
        h.Pipe("e3", "conference_end", Time(2), End());

        Assert.Equal(ChurnJson(0, atStart: 0, enters: 1, leaves: 1, peak: 1, rate: "1"), h.Churn[^1].Json);
        Assert.Equal(ParticipantsJson(2, joins: 0, leaves: 1, concurrent: 0, peak: 1, conferenceEnd: 1), h.Participants[^1].Json);
    }
}
