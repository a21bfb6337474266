namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// A list of keys kept in chunks of <see cref="ChunkSize"/> under <c>&lt;list&gt;/&lt;n&gt;</c>, its length held by
/// the list's owner. Appending rewrites one chunk, so it costs the same for the first entry and the 100,000th.
/// </summary>
public static class KeyList
{
    public const int ChunkSize = 16;

    /// <summary>Appends <paramref name="item"/> as entry number <paramref name="length"/> (the owner then stores length + 1).</summary>
    public static void Append(StageScope scope, string list, long length, string item, WriteRank rank)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var key = ChunkKey(list, length / ChunkSize);
        var kept = (int)(length % ChunkSize);
        // A chunk left from an earlier use of the list name keeps only the entries the current length covers.
        var items = kept == 0 || scope.Get<KeyChunk>(key) is not { } chunk ? [] : chunk.Items.Take(kept).ToList();
        items.Add(item);
        scope.Put(key, new KeyChunk(0, items), rank);
    }

    /// <summary>
    /// Appends <paramref name="items"/> from entry number <paramref name="length"/> on, writing each chunk once: a chunk
    /// written twice by one record could be left half-appended by a crash between the writes, and its replay would
    /// find it written already.
    /// </summary>
    public static void AppendAll(StageScope scope, string list, long length, IReadOnlyList<string> items, WriteRank rank)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(items);
        var next = 0;
        while (next < items.Count)
        {
            var position = length + next;
            var key = ChunkKey(list, position / ChunkSize);
            var kept = (int)(position % ChunkSize);
            var chunk = kept == 0 || scope.Get<KeyChunk>(key) is not { } held ? [] : held.Items.Take(kept).ToList();
            var take = Math.Min(items.Count - next, ChunkSize - kept);
            chunk.AddRange(items.Skip(next).Take(take));
            scope.Put(key, new KeyChunk(0, chunk), rank);
            next += take;
        }
    }

    public static IEnumerable<string> Items(IStageStore store, string list, long length)
    {
        ArgumentNullException.ThrowIfNull(store);
        for (long chunk = 0; chunk * ChunkSize < length; chunk++)
        {
            if (store.Read(ChunkKey(list, chunk)) is not KeyChunk items) continue;
            var count = (int)Math.Min(ChunkSize, length - (chunk * ChunkSize));
            foreach (var item in items.Items.Take(count)) yield return item;
        }
    }

    public static IEnumerable<string> ChunkKeys(string list, long length)
    {
        for (long chunk = 0; chunk * ChunkSize < length; chunk++) yield return ChunkKey(list, chunk);
    }

    private static string ChunkKey(string list, long chunk) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{list}/{chunk}");
}
