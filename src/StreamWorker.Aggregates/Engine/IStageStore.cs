namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The key-value state of one stage for one input partition. Each write says its <see cref="WriteRank"/>: a store
/// that holds writes back (<see cref="CachingStageStore"/>) sends them to the changelog in that order.
/// </summary>
public interface IStageStore
{
    StateValue? Read(string key);

    void Put(string key, StateValue value, WriteRank rank);

    void Delete(string key, WriteRank rank);

    /// <summary>
    /// Deletes <paramref name="key"/> once the current position is committed (at the first record after the next
    /// commit). Until then a replay after a crash still finds what it needs to emit the same records again. Only
    /// keys that nothing writes any more are deleted this way (closed windows and their queue).
    /// </summary>
    void DeleteAfterCommit(string key);

    /// <summary>Writes <paramref name="value"/> once the current position is committed, like <see cref="DeleteAfterCommit"/>.</summary>
    void PutAfterCommit(string key, StateValue value);
}
