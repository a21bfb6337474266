using System.Collections.Concurrent;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors;
using Streamiz.Kafka.Net.Processors.Internal;

namespace StreamWorker.Topology.State;

/// <summary>
/// Tells a stage when its task commits. Streamiz flushes every state store of a task at each commit (before it
/// flushes the producer and commits the offsets), so a store that reports its flush marks the commit point.
/// One instance per topology; stores and stages meet here by task id.
/// </summary>
public sealed class CommitSignals
{
    private readonly ConcurrentDictionary<TaskId, Action> handlers = new();

    /// <summary>Called by the stage (on the task's thread) to hear about its task's commits.</summary>
    public void Subscribe(TaskId task, Action onCommit) => handlers[task] = onCommit;

    public void Unsubscribe(TaskId task) => handlers.TryRemove(task, out _);

    /// <summary>Called by a store when Streamiz flushes it.</summary>
    public void Committing(TaskId task)
    {
        if (handlers.TryGetValue(task, out var handler)) handler();
    }
}
