using StreamWorker.Aggregates;
using static StreamWorker.Aggregates.Tests.Events;

namespace StreamWorker.Aggregates.Tests;

public class StateCodecTests
{
    [Fact]
    public void ConferenceState_SurvivesARoundTrip_AndBehavesTheSameAfterwards()
    {
        var run = new ConferenceRun().ApplyAll(
            Enter("a", At(0), 1), Watch("b", At(1), 2), StopWatching("c", At(2), 2, LeaveReason.HostKicked),
            Dial("d", At(3), 9, DialoutStatus.New), Leave("e", At(3, 30), 1, LeaveReason.UserDropped));
        var bytes = StateCodec.Serialize(run.State);

        var restored = StateCodec.DeserializeConference(bytes);

        Assert.Equal(bytes, StateCodec.Serialize(restored));
        var aggregator = new ConferenceAggregator(AggregateSettings.Default);
        Assert.Equal(EventDecision.Duplicate, aggregator.Apply(restored, Enter("a", At(0), 1), run.StreamTime).Decision);
        Assert.Equal(run.State.Attempts[9], restored.Attempts[9]);
        Assert.Equal((Company, Host), (restored.CompanyId!.Value, restored.HostId!.Value));
    }

    [Fact]
    public void CompanyStateAndChange_SurviveARoundTrip()
    {
        var change = new DialoutAttemptChange(Company, At(0), "1001:9:2", DialoutOutcome.Cancelled, 3, At(4));
        var state = new CompanyDialoutState(Company);
        new CompanyDialoutAggregator(AggregateSettings.Default).Apply(state, change);

        Assert.Equal(change, StateCodec.DeserializeChange(StateCodec.Serialize(change)));
        var bytes = StateCodec.Serialize(state);
        Assert.Equal(bytes, StateCodec.Serialize(StateCodec.DeserializeCompany(bytes)));
    }

    [Fact]
    public void UnknownVersion_IsRejected() =>
        Assert.Throws<InvalidDataException>(() => StateCodec.DeserializeConference([99, 0, 0]));
}
