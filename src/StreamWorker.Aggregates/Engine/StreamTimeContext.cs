namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// What a <see cref="ConferenceRule"/> sees while stream time moves forward (<see cref="ConferenceRule.Advance"/>):
/// the new stream time, the store through the current record's <see cref="StageScope"/>, and where final records
/// and telemetry signals go.
/// </summary>
public sealed class StreamTimeContext
{
    private readonly ClosedWindows closed;

    internal StreamTimeContext(StageScope scope, long streamTimeMs, ClosedWindows closed)
    {
        Scope = scope;
        StreamTimeMs = streamTimeMs;
        this.closed = closed;
    }

    public long StreamTimeMs { get; }

    public T? Get<T>(string key) where T : StateValue => Scope.Get<T>(key);

    /// <summary>Writes a value computed from itself and the event-free passing of time.</summary>
    public void Put(string key, StateValue value) => Scope.Put(key, value, WriteRank.Derived);

    /// <summary>Deletes <paramref name="key"/> once this is committed: until then a replay finds it and emits the same records again.</summary>
    public void DeleteAfterCommit(string key) => Scope.DeleteAfterCommit(key);

    /// <summary>A final record to emit.</summary>
    public void Final(object record) => closed.Finals.Add(record);

    /// <summary>Something for telemetry (a session ended by timeout).</summary>
    public void Signal(object signal) => closed.Signals.Add(signal);

    internal StageScope Scope { get; }
}
