namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The keys all the write caches of one processor may hold back together (<see cref="CachingStageStore"/>): a
/// processor owns one cache per events partition, and their sum, not each one, decides its memory. When the sum
/// reaches <see cref="MaxKeys"/>, every cache flushes at its next record. Caches of several stream threads share it.
/// </summary>
public sealed class WriteCacheBudget
{
    private long held;
    private long round;

    /// <param name="maxKeys">Keys held back at most, all caches together; 0 turns holding back off (every write goes through).</param>
    public WriteCacheBudget(int maxKeys)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxKeys);
        MaxKeys = maxKeys;
    }

    public int MaxKeys { get; }

    /// <summary>Keys held back now, all caches together.</summary>
    public long Held => Interlocked.Read(ref held);

    /// <summary>Counts once each time the budget was reached: a cache that flushed in an earlier round flushes again.</summary>
    public long Round => Interlocked.Read(ref round);

    internal void Add(long keys)
    {
        if (Interlocked.Add(ref held, keys) >= MaxKeys && keys > 0) Interlocked.Increment(ref round);
    }
}
