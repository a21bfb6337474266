namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// Holds a stage's writes back and sends only the last value of each key to the store behind it, at each commit
/// (<see cref="Flush"/>) or once the caches sharing its <see cref="WriteCacheBudget"/> hold as many keys as it
/// allows, as Kafka Streams' record cache does: a
/// key written by many events between two commits costs one changelog record. The flush sends keys in
/// <see cref="WriteRank"/> order (then in the order of their first write), the order of the writes of any one record,
/// so a crash during a flush leaves what a crash between two writes of one record would, and at-least-once restarts
/// stay exact (the crash properties of the aggregates' tests run with this store).
/// </summary>
/// <param name="inner">The store behind (the task's logged store).</param>
/// <param name="budget">The keys this cache and the others of the processor may hold back together.</param>
public sealed class CachingStageStore(IStageStore inner, WriteCacheBudget budget) : IStageStore
{
    private readonly Dictionary<string, Pending> pending = new(StringComparer.Ordinal);
    private long writes;
    private long flushedInRound;

    /// <summary>Keys held back now.</summary>
    public int Count => pending.Count;

    public StateValue? Read(string key) => pending.TryGetValue(key, out var held) ? held.Value : inner.Read(key);

    public void Put(string key, StateValue value, WriteRank rank)
    {
        ArgumentNullException.ThrowIfNull(value);

        // A seen event id is written once and ranks first: written at once, it reaches the changelog where a flush
        // would have put it, and the cache keeps room for the keys that many events write.
        if ((rank == WriteRank.Seen && !pending.ContainsKey(key)) || budget.MaxKeys == 0) inner.Put(key, value, rank);
        else Hold(key, value, rank);
    }

    public void Delete(string key, WriteRank rank)
    {
        if (budget.MaxKeys == 0)
        {
            inner.Delete(key, rank);
            return;
        }

        // A key the store behind does not hold needs no delete there, only to be forgotten here.
        if (inner.Read(key) is null)
        {
            if (pending.Remove(key)) budget.Add(-1);
        }
        else
        {
            Hold(key, null, rank);
        }
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

        budget.Add(-pending.Count);
        pending.Clear();
    }

    /// <summary>Drops what is held back, as a crash would (a task closed without a commit); its keys go back to the budget.</summary>
    public void Abandon()
    {
        budget.Add(-pending.Count);
        pending.Clear();
    }

    /// <summary>Flushes when the budget was reached since this cache last flushed; call between records, never in the middle of one.</summary>
    public void FlushIfFull()
    {
        var round = budget.Round;
        if (round == flushedInRound) return;
        flushedInRound = round;
        Flush();
    }

    private void Hold(string key, StateValue? value, WriteRank rank)
    {
        // A key keeps the position of its first write since the last flush, and takes the rank of its last.
        if (pending.TryGetValue(key, out var held))
        {
            pending[key] = new Pending(value, rank, held.Sequence);
            return;
        }

        pending[key] = new Pending(value, rank, writes++);
        budget.Add(1);
    }

    private readonly record struct Pending(StateValue? Value, WriteRank Rank, long Sequence);
}
