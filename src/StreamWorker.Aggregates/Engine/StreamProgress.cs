namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// A partition's stream time and how far its stored state is complete, under key <see cref="StateKeys.StreamTime"/>:
/// the value is the stream time, the value's offset the last record whose writes are all in the store. Written as
/// the last write of every record; read lazily, so that after a restart the first record finds what was restored.
/// </summary>
internal sealed class StreamProgress(StageScope scope)
{
    private long? streamTime;
    private long restoredThrough = -1;
    private long readSinceRestart = long.MinValue;

    /// <summary>The largest event time read (or moved to by idle close); <see cref="long.MinValue"/> before any.</summary>
    public long StreamTime
    {
        get
        {
            if (streamTime is { } known) return known;
            var stored = scope.Get<MarkValue>(StateKeys.StreamTime);
            restoredThrough = stored?.Offset ?? -1;
            return (streamTime = stored?.Value ?? long.MinValue).Value;
        }
    }

    /// <summary>The offset of the last record complete in the store when it was restored; -1 when none.</summary>
    public long RestoredThrough
    {
        get
        {
            _ = StreamTime;
            return restoredThrough;
        }
    }

    public void Reset()
    {
        streamTime = null;
        restoredThrough = -1;
        readSinceRestart = long.MinValue;
    }

    /// <summary>A record with event time <paramref name="timeMs"/> is read.</summary>
    public void Read(long timeMs) => readSinceRestart = Math.Max(readSinceRestart, timeMs);

    public void MoveTo(long now)
    {
        if (now > StreamTime) streamTime = now;
    }

    /// <summary>
    /// The stream time that may be announced to later stages: while records are read again after a restart, the time
    /// of the records read since, so that the announcement never overtakes what they resend.
    /// </summary>
    public long Announceable(bool idle) => !idle && scope.Offset <= RestoredThrough ? readSinceRestart : StreamTime;

    /// <summary>The last write of a record.</summary>
    public void Write()
    {
        if (StreamTime != long.MinValue) scope.Put(StateKeys.StreamTime, new MarkValue(0, StreamTime), WriteRank.Progress);
    }

    /// <summary>
    /// Stores stream time moved without a record, under the offset of the last record read (records up to it are still
    /// complete). No record is read here, so the offset guard (which leaves a key alone that holds this offset) must not apply.
    /// </summary>
    public void WriteIdle(long lastOffset) => scope.Store.Put(StateKeys.StreamTime, new MarkValue(lastOffset, StreamTime), WriteRank.Progress);
}
