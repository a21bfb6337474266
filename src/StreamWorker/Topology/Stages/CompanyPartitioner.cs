using Confluent.Kafka;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors;

namespace StreamWorker.Topology.Stages;

/// <summary>
/// Places records on the company repartition topic: an attempt change or usage count by its company key (librdkafka's partitioner,
/// as for any keyed record), a progress record on the partition it was made for, so that one copy reaches every
/// company partition.
/// </summary>
public sealed class CompanyPartitioner : IStreamPartitioner<string, CompanyChange>
{
    public void Initialize(IStreamConfig config)
    {
        // Nothing to set up: the placement depends on the record only.
    }

    public Partition Partition(string topic, string key, CompanyChange value, Partition sourcePartition, int numPartitions)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is not DialoutAttemptChange { IsProgress: true } progress) return Confluent.Kafka.Partition.Any;
        if (progress.Target >= numPartitions)
        {
            throw new InvalidOperationException(
                $"topic {topic} has {numPartitions} partitions but the events topic has {progress.Sources}: create it with the events topic's partition count");
        }

        return new Partition(progress.Target);
    }
}
