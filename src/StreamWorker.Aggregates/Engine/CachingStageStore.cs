namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// Holds a stage's writes back and sends only the last value of each key to the store behind it, at each commit
/// (<see cref="Flush"/>) or once it holds <see cref="MaxPending"/> keys, as Kafka Streams' record cache does: a
/// key written by many events between two commits costs one changelog record. The flush sends keys in
/// <see cref="WriteRank"/> order (then in the order of their first write), the order of the writes of any one record,
/// so a crash during a flush leaves what a crash between two writes of one record would, and at-least-once restarts
/// stay exact (the crash properties of the aggregates' tests run with this store).
/// </summary>
/// <param name="inner">The store behind (the task's logged store).</param>
/// <param name="maxPending">Keys held back at most; more flushes at the next record.</param>
public sealed class CachingStageStore(IStageStore inner, int maxPending = CachingStageStore.DefaultMaxPending) : IStageStore
{
    /// <summary>Enough for tens of thousands of events between commits, a few megabytes of values.</summary>
    public const int DefaultMaxPending = 50_000;

    private readonly Dictionary<string, Pending> pending = new(StringComparer.Ordinal);
    private long writes;

    public int MaxPending { get; } = maxPending > 0 ? maxPending : throw new ArgumentOutOfRangeException(nameof(maxPending));

    /// <summary>Keys held back now.</summary>
    public int Count => pending.Count;

    public StateValue? Read(string key) => pending.TryGetValue(key, out var held) ? held.Value : inner.Read(key);

    public void Put(string key, StateValue value, WriteRank rank)
    {
        ArgumentNullException.ThrowIfNull(value);

        // A seen event id is written once and ranks first: written at once, it reaches the changelog where a flush
        // would have put it, and the cache keeps room for the keys that many events write.
        if (rank == WriteRank.Seen && !pending.ContainsKey(key)) inner.Put(key, value, rank);
        else Hold(key, value, rank);
    }

    public void Delete(string key, WriteRank rank)
    {
        // A key the store behind does not hold needs no delete there, only to be forgotten here.
        if (inner.Read(key) is null) pending.Remove(key);
        else Hold(key, null, rank);
    }

    public void DeleteAfterCommit(string key) => inner.DeleteAfterCommit(key);

    public void PutAfterCommit(string key, StateValue value) => inner.PutAfterCommit(key, value);

    /// <summary>True when <paramref name="key"/>'s delete is held back: a write to it must follow a flush (a conference expired and begun again).</summary>
    public bool DeletePending(string key) => pending.TryGetValue(key, out var held) && held.Value is null;

    /// <summary>Sends every held key to the store behind, in rank order.</summary>
    public void Flush()
    {
        if (pending.Count == 0) return;
        foreach (var (key, held) in pending.OrderBy(p => p.Value.Rank).ThenBy(p => p.Value.Sequence))
        {
            if (held.Value is { } value) inner.Put(key, value, held.Rank);
            else inner.Delete(key, held.Rank);
        }

        pending.Clear();
    }

    /// <summary>Flushes when <see cref="MaxPending"/> keys are held; call between records, never in the middle of one.</summary>
    public void FlushIfFull()
    {
        if (pending.Count >= MaxPending) Flush();
    }

    private void Hold(string key, StateValue? value, WriteRank rank)
    {
        // A key keeps the position of its first write since the last flush, and takes the rank of its last.
        var sequence = pending.TryGetValue(key, out var held) ? held.Sequence : writes++;
        pending[key] = new Pending(value, rank, sequence);
    }

    private readonly record struct Pending(StateValue? Value, WriteRank Rank, long Sequence);
}
