namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The writes of one input record to a <see cref="IStageStore"/>. Every value written is stamped with the record's
/// offset, and a key that already holds a write of this offset or a later one (the record is replayed after a
/// restart, and its write reached the changelog before the crash) is left as it is. Keys written earlier while
/// handling the same record may be written again.
/// </summary>
public sealed class StageScope(IStageStore store)
{
    private readonly HashSet<string> written = new(StringComparer.Ordinal);

    // The offsets of the values read for this record (-1: absent), so a write does not read its key again.
    private readonly Dictionary<string, long> readOffsets = new(StringComparer.Ordinal);

    public IStageStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>The input offset of the record being handled.</summary>
    public long Offset { get; private set; } = -1;

    public void Begin(long offset)
    {
        Offset = offset;
        written.Clear();
        readOffsets.Clear();
    }

    public T? Get<T>(string key) where T : StateValue
    {
        var value = Store.Read(key);
        if (!written.Contains(key)) readOffsets[key] = value?.Offset ?? -1;
        return value as T;
    }

    /// <summary>True when <paramref name="key"/> holds a write of this record (or a later one) from before a restart.</summary>
    public bool WrittenBefore(string key)
    {
        if (written.Contains(key)) return false;
        if (!readOffsets.TryGetValue(key, out var offset)) offset = Store.Read(key)?.Offset ?? -1;
        return offset >= Offset;
    }

    public void Put(string key, StateValue value, WriteRank rank)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (WrittenBefore(key)) return;
        Store.Put(key, value with { Offset = Offset }, rank);
        written.Add(key);
    }

    /// <summary>
    /// Writes even over a write of this record from before a restart: for a key written twice by one record (once as
    /// stream time moved, once by the event), whose second value a replay computes again from the first.
    /// </summary>
    public void Overwrite(string key, StateValue value, WriteRank rank)
    {
        ArgumentNullException.ThrowIfNull(value);
        Store.Put(key, value with { Offset = Offset }, rank);
        written.Add(key);
    }

    public void DeleteAfterCommit(string key) => Store.DeleteAfterCommit(key);

    public void PutAfterCommit(string key, StateValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Store.PutAfterCommit(key, value with { Offset = Offset });
    }
}
