namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// An <see cref="IStageStore"/> in a dictionary, holding values in their binary form as a changelog would. It keeps
/// the log of its writes, so a test can rebuild the store from any prefix of it, as a restore after a crash does.
/// Deferred writes run at the second <see cref="Commit"/> after they were made, as in the topology.
/// </summary>
public sealed class MemoryStageStore : IStageStore
{
    private readonly SortedDictionary<string, byte[]> values = new(StringComparer.Ordinal);
    private readonly List<(string Key, byte[]? Value)> pending = [];
    private readonly List<(string Key, byte[]? Value)> ready = [];

    /// <summary>Every write and delete in order, as the changelog receives them (null: a delete).</summary>
    public List<KeyValuePair<string, byte[]?>> Log { get; } = [];

    public IEnumerable<string> Keys => values.Keys;

    public int Count => values.Count;

    /// <summary>The largest value held, in bytes.</summary>
    public int LargestValueBytes => values.Count == 0 ? 0 : values.Values.Max(v => v.Length);

    /// <summary>A store holding what the first <paramref name="writes"/> entries of <paramref name="log"/> leave.</summary>
    public static MemoryStageStore Restore(IEnumerable<KeyValuePair<string, byte[]?>> log, int writes)
    {
        ArgumentNullException.ThrowIfNull(log);
        var store = new MemoryStageStore();
        foreach (var (key, value) in log.Take(writes))
        {
            store.Log.Add(new(key, value));
            if (value is null) store.values.Remove(key); else store.values[key] = value;
        }

        return store;
    }

    public StateValue? Read(string key) => values.TryGetValue(key, out var bytes) ? StateValueCodec.Deserialize(bytes) : null;

    public void Put(string key, StateValue value, WriteRank rank)
    {
        var bytes = StateValueCodec.Serialize(value);
        values[key] = bytes;
        Log.Add(new(key, bytes));
    }

    public void Delete(string key, WriteRank rank)
    {
        if (values.Remove(key)) Log.Add(new(key, null));
    }

    public void DeleteAfterCommit(string key) => pending.Add((key, null));

    public void PutAfterCommit(string key, StateValue value) => pending.Add((key, StateValueCodec.Serialize(value)));

    /// <summary>A commit: runs what was deferred before the previous commit, and makes what was deferred since due at the next.</summary>
    public void Commit()
    {
        foreach (var (key, value) in ready)
        {
            if (value is not null) Put(key, StateValueCodec.Deserialize(value), WriteRank.Drained);
            else Delete(key, WriteRank.Drained);
        }

        ready.Clear();
        ready.AddRange(pending);
        pending.Clear();
    }

    /// <summary>The store's content, key and value, for comparing two stores.</summary>
    public string Fingerprint() => string.Join("\n", values.Select(kv => kv.Key + "=" + Convert.ToHexString(kv.Value)));
}
