using Confluent.Kafka;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors;

namespace StreamWorker.Topology.Stages;

/// <summary>
/// Places records on the dial-out repartition topic: an attempt change by its company key (librdkafka's partitioner,
/// as for any keyed record), a progress record on the partition it was made for, so that one copy reaches every
/// company partition.
/// </summary>
public sealed class DialoutPartitioner : IStreamPartitioner<string, DialoutAttemptChange>
{
    public void Initialize(IStreamConfig config)
    {
        // Nothing to set up: the placement depends on the record only.
    }

    public Partition Partition(string topic, string key, DialoutAttemptChange value, Partition sourcePartition, int numPartitions)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.IsProgress) return Confluent.Kafka.Partition.Any;
        if (value.Target >= numPartitions)
        {
            throw new InvalidOperationException(
                $"topic {topic} has {numPartitions} partitions but the events topic has {value.Sources}: create it with the events topic's partition count");
        }

        return new Partition(value.Target);
    }
}
