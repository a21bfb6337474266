using StreamWorker.Aggregates;
using static StreamWorker.Aggregates.Tests.Events;

namespace StreamWorker.Aggregates.Tests;

public class RetentionTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void Conference_ExpiresOneRetentionAfterItsLastEvent()
    {
        var aggregator = new ConferenceAggregator(AggregateSettings.Default);
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1), End("b", At(30)));

        Assert.False(aggregator.IsExpired(run.State, At(30) + Day - 1));
        Assert.True(aggregator.IsExpired(run.State, At(30) + Day));
    }

    [Fact]
    public void SeenIds_AreForgottenAfterRetention_SoAVeryOldRedeliveryIsLateInstead()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1));
        run.Apply(Enter("b", At(0) + Day, 2));

        Assert.DoesNotContain("a", run.State.Seen.Keys);
        Assert.Equal(EventDecision.Late, run.Apply(Enter("a", At(0), 1)).Decision);
    }
}
