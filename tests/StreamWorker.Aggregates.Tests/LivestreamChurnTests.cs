using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

public class LivestreamChurnTests
{
    [Fact]
    public void ChurnRate_IsLeavesOverCarriedInPlusEnters()
    {
        var run = new ConferenceRun().ApplyAll(
            Watch("a", At(1), 1), Watch("b", At(2), 2),
            StopWatching("c", At(5, 30), 1, LeaveReason.UserDropped), Watch("d", At(6), 3), StopWatching("e", At(7), 3, LeaveReason.HostKicked));

        Assert.Equal(
            new LivestreamChurnRecord(Conference, Company, At(5), At(10), ViewersAtStart: 2, Enters: 1, Leaves: 2,
                new ViewerLeaveCounts(0, 1, 1, 0), PeakViewers: 2, ChurnRate: 2.0 / 3.0),
            run.Results[^1].Output<LivestreamChurnRecord>());
    }

    [Fact]
    public void ChurnRate_IsNullWhenNobodyWasThereNorCame()
    {
        var run = new ConferenceRun().ApplyAll(StopWatching("a", At(1), 1));

        var record = run.Results[^1].Output<LivestreamChurnRecord>()!;
        Assert.Equal((0, 0, 0), (record.ViewersAtStart, record.Enters, record.Leaves));
        Assert.Null(record.ChurnRate);
    }

    [Fact]
    public void ConferenceEnd_CountsInLeavesButNotInLeavesByReason()
    {
        var run = new ConferenceRun().ApplyAll(Watch("a", At(1), 1), Watch("b", At(2), 2), End("c", At(3)));

        Assert.Equal(
            new LivestreamChurnRecord(Conference, Company, At(0), At(5), 0, 2, 2, new ViewerLeaveCounts(0, 0, 0, 0), 2, 1.0),
            run.Results[^1].Output<LivestreamChurnRecord>());
        Assert.Empty(run.Viewers);
    }

    [Fact]
    public void ViewersAndParticipants_AreSeparateSets()
    {
        var run = new ConferenceRun().ApplyAll(Enter("a", At(1), 1), Watch("b", At(1, 5), 1), Leave("c", At(1, 10), 1));

        Assert.Contains(1L, run.Viewers);
        Assert.Empty(run.Participants);
        Assert.Null(run.Results[^1].Output<LivestreamChurnRecord>());
    }

    [Fact]
    public void EnterOfAViewerAlreadyWatching_ChangesNoCount()
    {
        var run = new ConferenceRun().ApplyAll(Watch("a", At(1), 1), Watch("b", At(2), 1));

        Assert.Equal(1, run.Results[^1].Output<LivestreamChurnRecord>()!.Enters);
    }
}
