using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

public class RetentionTests
{
    private const long Day = 86_400_000;

    [Fact]
    public void Conference_IsDroppedOneRetentionAfterItsLastEvent_WithEveryKeyItWrote()
    {
        var run = new ConferenceRun().ApplyAll(
            Enter("a", At(0), 1), Watch("b", At(1), 2), Dial("c", At(2), 3, DialoutStatus.New), End("d", At(30)));

        run.AdvanceStreamTime(At(30) + Day - 1);
        Assert.Contains(StateKeys.Summary(Conference), run.State.Keys);
        run.AdvanceStreamTime(At(32) + Day);
        run.Commit();
        run.Commit();

        // Only the partition's own bookkeeping is left: stream time and the queues' floors.
        Assert.All(run.State.Keys, k => Assert.True(k == StateKeys.StreamTime || k.StartsWith("q/", StringComparison.Ordinal), k));
    }

    [Fact]
    public void SeenIds_GoWithTheirConference()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1), Leave("b", At(1), 1));

        run.AdvanceStreamTime(At(3) + Day);

        Assert.False(run.HasSeen("a"));
        Assert.DoesNotContain(run.State.Keys, k => k.StartsWith('e'));
    }

    [Fact]
    public void Conference_WithEventsKeepsItsState()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1));
        run.Apply(Watch("b", At(0) + Day - 60_000, 2));

        run.AdvanceStreamTime(At(5) + Day);

        Assert.Equal([1L], run.Participants);
        Assert.Equal([2L], run.Viewers);
    }

    [Fact]
    public void SeenIds_AreForgottenAfterRetention_SoAVeryOldRedeliveryIsLateInstead()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(0), 1));
        Assert.True(run.HasSeen("a"));
        run.Apply(Enter("b", At(0) + Day, 2));

        Assert.Equal(EventDecision.Late, run.Apply(Enter("a", At(0), 1)).Decision);
    }
}
