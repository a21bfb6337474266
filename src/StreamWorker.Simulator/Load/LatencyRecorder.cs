using System.Diagnostics;

namespace StreamWorker.Simulator.Load;

/// <summary>
/// Keeps every measured latency (Stopwatch ticks) and sorts them once at the end: exact percentiles,
/// and a few megabytes for a 20 s run at tens of thousands of requests per second.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly List<long> _ticks = new(1 << 16);

    public void Record(long elapsedTicks)
    {
        lock (_lock)
        {
            _ticks.Add(elapsedTicks);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _ticks.Count;
            }
        }
    }

    /// <summary>The latency below which the given share (0..1) of requests fall, in milliseconds; 0 without data.</summary>
    public IReadOnlyList<double> PercentilesMs(params double[] shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        long[] sorted;
        lock (_lock)
        {
            sorted = [.. _ticks];
        }

        Array.Sort(sorted);
        return shares.Select(share =>
        {
            if (sorted.Length == 0)
            {
                return 0.0;
            }

            var rank = (int)Math.Ceiling(share * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
        }).ToList();
    }
}
