using System.Diagnostics;
using StreamWorker.Simulator.Load;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Unit")]
public class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_OfOneToThousandMilliseconds_AreTheNearestRanks()
    {
        var recorder = new LatencyRecorder();
        foreach (var ms in Enumerable.Range(1, 1000).Reverse())
        {
            recorder.Record(ms * Stopwatch.Frequency / 1000);
        }

        var p = recorder.PercentilesMs(0.5, 0.99, 0.999, 1.0);

        Assert.Equal([500.0, 990.0, 999.0, 1000.0], p.Select(v => Math.Round(v, 3)));
    }

    [Fact]
    public void Percentiles_WithoutData_AreZero() =>
        Assert.Equal([0.0], new LatencyRecorder().PercentilesMs(0.99));
}
