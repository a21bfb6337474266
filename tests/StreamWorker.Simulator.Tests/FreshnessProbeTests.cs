using System.Diagnostics;
using System.Text;
using StreamWorker.Simulator.Load;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Unit")]
public class FreshnessProbeTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    [Fact]
    public void Counted_JoinsAcrossWindows_TimeEachJoinFromItsAcknowledgementToTheFirstRecordCountingIt()
    {
        var probe = new FreshnessProbe("unused:9092", "participants");
        probe.Acknowledged(7, 100 * Ms, measured: true);
        probe.Acknowledged(7, 200 * Ms, measured: true);
        probe.Acknowledged(7, 300 * Ms, measured: true);

        probe.Counted(Record(7, "2026-12-01T10:00:00.000Z", joins: 2), 500 * Ms);
        probe.Counted(Record(7, "2026-12-01T10:00:00.000Z", joins: 2), 900 * Ms); // counts nothing new
        probe.Counted(Record(7, "2026-12-01T10:01:00.000Z", joins: 1), 1_000 * Ms); // the next window: the third join

        Assert.Equal((3L, 3L), probe.Progress);
        Assert.Equal([300.0, 400.0, 700.0], probe.Latencies.PercentilesMs(0.0, 0.5, 1.0));
    }

    [Fact]
    public void Acknowledged_AfterARecordCountedTheJoin_IsFreshAtOnce_AndWarmUpJoinsAreCountedButNotMeasured()
    {
        var probe = new FreshnessProbe("unused:9092", "participants");
        probe.Acknowledged(7, 100 * Ms, measured: false);
        probe.Counted(Record(7, "2026-12-01T10:00:00.000Z", joins: 2), 150 * Ms);
        probe.Acknowledged(7, 200 * Ms, measured: true);
        probe.Acknowledged(8, 200 * Ms, measured: true); // another conference: not counted yet

        Assert.Equal((2L, 1L), probe.Progress);
        Assert.Equal([0.0], probe.Latencies.PercentilesMs(1.0));
    }

    private static byte[] Record(long conference, string windowStart, int joins) =>
        Encoding.UTF8.GetBytes($$"""{"conference_id":{{conference}},"window_start":"{{windowStart}}","joins":{{joins}}}""");
}
