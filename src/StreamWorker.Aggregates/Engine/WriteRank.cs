namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// Where a write stands in the order of a record's writes: every key is written before the keys it was computed
/// from, in this order, whatever the record. <see cref="CachingStageStore"/> flushes the writes of many records in
/// this order, so that a crash during a flush leaves the store as a crash between two writes of one record would:
/// each key missing from the store was computed from keys that are missing too (docs/topology.md, "Restarts").
/// </summary>
public enum WriteRank : byte
{
    /// <summary>A seen event id: the first write of an event, which decides its replays.</summary>
    Seen,

    /// <summary>An item of a time bucket (computed from the bucket's length).</summary>
    QueueItem,

    /// <summary>A bucket's length or a queue's floor (computed from whether the window or conference existed).</summary>
    QueueHeader,

    /// <summary>Windows, list chunks, kept earlier attempts: computed from the summary and the source keys.</summary>
    Derived,

    /// <summary>The conference summary: computed from the source keys.</summary>
    Summary,

    /// <summary>Members and attempts: computed from the event and themselves only.</summary>
    Source,

    /// <summary>The deletes of an expired conference's listed keys (before its lists, which name them).</summary>
    Expired,

    /// <summary>The deletes of an expired conference's list chunks (before its summary, which counts them).</summary>
    ExpiredList,

    /// <summary>The delete of an expired conference's summary.</summary>
    ExpiredSummary,

    /// <summary>A drained bucket of a queue whose drain is not deferred (expiry), and its floor: after what the drain did.</summary>
    Drained,

    /// <summary>The partition's progress: the last write, which says every record up to it is complete.</summary>
    Progress,
}
