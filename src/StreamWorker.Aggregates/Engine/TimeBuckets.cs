namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// Items queued by time bucket, drained in bucket order as stream time passes: the windows that close at the
/// same time, the conferences whose retention ends in the same minute. Draining reads only due buckets, never
/// the whole store. A bucket is a <see cref="KeyList"/> under <c>&lt;name&gt;/&lt;bucket&gt;</c> with its length under
/// <c>&lt;name&gt;/&lt;bucket&gt;#</c>; <c>&lt;name&gt;</c> holds the first bucket not yet drained.
/// </summary>
/// <param name="name">Key prefix of the queue.</param>
/// <param name="bucketMs">Bucket width; items are bucketed by the epoch-aligned start of their time.</param>
/// <param name="deferDrained">
/// True keeps a drained bucket (and the queue's floor) until the drain is committed, so that a restart drains it
/// again and re-emits the same records.
/// </param>
public sealed class TimeBuckets(string name, long bucketMs, bool deferDrained)
{
    private long? drainedBefore;

    public long BucketMs { get; } = bucketMs;

    public long BucketOf(long timeMs) => TumblingWindow.StartOf(timeMs, BucketMs);

    /// <summary>Forgets the in-memory drain position, as after a restart: the next drain starts from the stored floor.</summary>
    public void Reset() => drainedBefore = null;

    public void Enqueue(StageScope scope, long bucket, string item)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var header = HeaderKey(bucket);
        var length = scope.Get<MarkValue>(header)?.Value ?? 0;
        KeyList.Append(scope, BucketKey(bucket), length, item, WriteRank.QueueItem);
        scope.Put(header, new MarkValue(0, length + 1), WriteRank.QueueHeader);

        // A bucket before the floor is one not drained yet (a drained bucket is due and takes no more items): an
        // out-of-order event opened an earlier window. The floor moves back to it.
        drainedBefore ??= scope.Get<MarkValue>(name)?.Value;
        if (drainedBefore is null || bucket < drainedBefore)
        {
            drainedBefore = bucket;
            scope.Put(name, new MarkValue(0, bucket), WriteRank.QueueHeader);
        }
    }

    /// <summary>
    /// The first bucket not drained yet (the queue's floor; null before anything was queued): an item queued there or
    /// later is drained once stream time reaches its bucket, one queued earlier would be lost with a drained bucket.
    /// </summary>
    public long? FirstUndrained(StageScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return drainedBefore ??= scope.Get<MarkValue>(name)?.Value;
    }

    /// <summary>Hands every item of the buckets up to <paramref name="lastDueBucket"/> (inclusive) to <paramref name="onItem"/> with its bucket, in bucket order.</summary>
    public void Drain(StageScope scope, long lastDueBucket, Action<long, string> onItem)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(onItem);
        drainedBefore ??= scope.Get<MarkValue>(name)?.Value;
        if (drainedBefore is not { } bucket || bucket > lastDueBucket) return;
        for (; bucket <= lastDueBucket; bucket += BucketMs)
        {
            var header = HeaderKey(bucket);
            if (scope.Get<MarkValue>(header) is not { } length) continue;
            foreach (var item in KeyList.Items(scope.Store, BucketKey(bucket), length.Value).ToList()) onItem(bucket, item);
            foreach (var chunk in KeyList.ChunkKeys(BucketKey(bucket), length.Value)) Remove(scope, chunk);
            Remove(scope, header);
        }

        drainedBefore = bucket;
        var floor = new MarkValue(0, bucket);
        if (deferDrained) scope.PutAfterCommit(name, floor); else scope.Put(name, floor, WriteRank.Drained);
    }

    private void Remove(StageScope scope, string key)
    {
        if (deferDrained) scope.DeleteAfterCommit(key);
        else scope.Store.Delete(key, WriteRank.Drained);
    }

    private string BucketKey(long bucket) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}/{bucket}");

    private string HeaderKey(long bucket) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}/{bucket}#");
}
