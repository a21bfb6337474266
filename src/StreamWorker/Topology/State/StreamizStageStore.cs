using Streamiz.Kafka.Net.State;

namespace StreamWorker.Topology.State;

/// <summary>
/// A stage's <see cref="IStageStore"/> over its Streamiz store (logged, without Streamiz's cache: writes reach the
/// changelog in the order they are made here; the conference stage puts a <see cref="CachingStageStore"/> in front). Deferred writes and deletes wait for a commit (<see cref="OnCommit"/>) and run at the
/// next record after it, when that commit is complete; a crash before then leaves them undone, and the replay
/// does them again.
/// </summary>
/// <param name="store">The task's Streamiz store.</param>
/// <param name="onWrite">Told of every write and delete (each is a changelog record): the processor's state-writes counter.</param>
public sealed class StreamizStageStore(IKeyValueStore<string, StateValue> store, Action? onWrite = null) : IStageStore
{
    private List<Deferred> pending = [];
    private List<Deferred> ready = [];

    public StateValue? Read(string key) => store.Get(key);

    public void Put(string key, StateValue value, WriteRank rank)
    {
        store.Put(key, value);
        onWrite?.Invoke();
    }

    public void Delete(string key, WriteRank rank)
    {
        store.Delete(key);
        onWrite?.Invoke();
    }

    public void DeleteAfterCommit(string key) => pending.Add(new Deferred(key, null));

    public void PutAfterCommit(string key, StateValue value) => pending.Add(new Deferred(key, value));

    /// <summary>The task is committing: what was deferred so far is due once this commit completes.</summary>
    public void OnCommit()
    {
        if (pending.Count == 0) return;
        ready.AddRange(pending);
        pending = [];
    }

    /// <summary>Runs the deferred writes whose commit has completed; call before handling a record.</summary>
    public void RunDue()
    {
        if (ready.Count == 0) return;
        var due = ready;
        ready = [];
        foreach (var op in due)
        {
            if (op.Value is { } value) Put(op.Key, value, WriteRank.Drained);
            else Delete(op.Key, WriteRank.Drained);
        }
    }

    private sealed record Deferred(string Key, StateValue? Value);
}
