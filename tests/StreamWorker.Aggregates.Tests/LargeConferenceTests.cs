using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

/// <summary>A webinar's state stays small per value and per event, however large its audience.</summary>
public class LargeConferenceTests
{
    [Fact]
    public void Webinar_OfTwentyThousandViewers_KeepsEveryValueSmall_AndWritesTheSameFewKeysPerEvent()
    {
        // Every write goes through at once here, to count what one event writes.
        var run = new ConferenceRun(cacheKeys: 0);
        var writesPerEvent = new List<int>();
        void Apply(AggregateEvent e)
        {
            var before = run.Store.Log.Count;
            run.Apply(e);
            writesPerEvent.Add(run.Store.Log.Count - before);
        }

        // 20,000 viewers and 2,000 participants enter over 40 minutes, then leave; the conference ends at 60 minutes.
        for (var v = 0; v < 20_000; v++) Apply(Watch($"w{v}", At(0) + (v * 120L), 100_000 + v));
        for (var p = 0; p < 2_000; p++) Apply(Enter($"p{p}", At(40) + (p * 60L), p));
        for (var v = 0; v < 20_000; v++) Apply(StopWatching($"x{v}", At(42) + (v * 45L), 100_000 + v));
        for (var p = 0; p < 1_000; p++) Apply(Leave($"q{p}", At(57) + (p * 60L), p));
        Apply(End("end", At(60)));

        Assert.InRange(run.Store.LargestValueBytes, 1, 4 * 1024);
        // At most the first event of a conference and window: seen id, close, expiry and session timeout queues (chunk,
        // length, floor each), window, list chunks, summary, session, members and progress. The 40,000th event of the
        // webinar writes no more.
        Assert.InRange(writesPerEvent.Max(), 1, 20);
        Assert.True(writesPerEvent.Skip(40_000).Max() <= writesPerEvent.Take(100).Max());
        Assert.Empty(run.Viewers);
        Assert.Empty(run.Participants);

        // The churn windows chain: each starts with what the one before ended with, and the last ends empty.
        var latest = run.ChurnRecords.GroupBy(r => r.WindowStartMs).OrderBy(g => g.Key).Select(g => g.Last()).ToList();
        Assert.All(latest.Zip(latest.Skip(1)), pair => Assert.Equal(pair.First.ViewersAtStart + pair.First.Enters - pair.First.Leaves, pair.Second.ViewersAtStart));
        Assert.Equal(20_000, latest.Sum(r => r.Enters));
        Assert.Equal(20_000, latest.Sum(r => r.Leaves));

        // The session counts everyone once; its record stays as small as any other value.
        var session = run.SessionRecords[^1];
        Assert.Equal((20_000, 20_000, 2_000, 2_000), (session.Viewers, session.PeakViewers, session.Participants, session.PeakConcurrent));
        Assert.Equal(1_000, session.LeavesByReason.ConferenceEnd);
    }
}
