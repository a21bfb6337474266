using Confluent.Kafka;

namespace StreamWorker.Simulator.Kafka;

/// <summary>
/// The settings of the simulator's consumers: a consumer group of their own each time, so they read a topic from the
/// beginning and never take partitions or offsets from the applications' groups; no commits, no topic creation.
/// </summary>
internal static class WatchingConsumerConfig
{
    /// <param name="groupPrefix">Names the reader in the broker's group list; a fresh suffix makes the group its own.</param>
    public static ConsumerConfig Create(string bootstrapServers, string groupPrefix) => new()
    {
        BootstrapServers = bootstrapServers,
        GroupId = $"{groupPrefix}-{Guid.NewGuid():N}",
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = false,
        AllowAutoCreateTopics = false,
    };
}
