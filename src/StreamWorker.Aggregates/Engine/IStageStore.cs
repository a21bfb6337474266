namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The key-value state of one stage for one input partition. Writes must reach the changelog in the order they
/// are made (docs/topology.md, "Restarts"), which is why the topology's store has no write cache.
/// </summary>
public interface IStageStore
{
    StateValue? Read(string key);

    void Put(string key, StateValue value);

    void Delete(string key);

    /// <summary>
    /// Deletes <paramref name="key"/> once the current position is committed (at the first record after the next
    /// commit). Until then a replay after a crash still finds what it needs to emit the same records again. Only
    /// keys that nothing writes any more are deleted this way (closed windows and their queue).
    /// </summary>
    void DeleteAfterCommit(string key);

    /// <summary>Writes <paramref name="value"/> once the current position is committed, like <see cref="DeleteAfterCommit"/>.</summary>
    void PutAfterCommit(string key, StateValue value);
}
