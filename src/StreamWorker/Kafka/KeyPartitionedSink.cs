using Streamiz.Kafka.Net.Processors;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;

namespace StreamWorker.Kafka;

/// <summary>
/// Writes a stream to a topic with librdkafka choosing the partition from the key, without a Streamiz stream
/// partitioner. Streamiz 1.8.2's <c>To(topic, ...)</c> overloads install <c>DefaultStreamPartitioner</c>, and for
/// every record with a partitioner the sink calls <c>StreamsProducer.PartitionsFor</c>, which builds a whole
/// <c>AdminClientConfig</c> (<c>ToAdminConfig</c>, a copy of every setting) before it looks at its partition-count
/// cache: a per-record cost no setting removes and a custom partitioner cannot avoid (the sink asks for the
/// count before it calls any partitioner). With no partitioner the sink produces to the topic without a
/// partition. The placement is the same as the default's: with <c>default.partitioner.reshuffle.every.key</c>
/// at its default (true) <c>DefaultStreamPartitioner</c> always answers <c>Partition.Any</c>, which also leaves
/// the choice to librdkafka's partitioner. Gain measured in BENCHMARKS.md ("Streamiz partitioner").
/// </summary>
public static class KeyPartitionedSink
{
    /// <summary>Like <c>To(topic, keySerdes, valueSerdes, named)</c>, minus the per-record partitioner cost.</summary>
    public static void ToByKey<TKey, TValue>(this IKStream<TKey, TValue> stream, string topic, ISerDes<TKey> keySerdes, ISerDes<TValue> valueSerdes, string? named = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        // A null partitioner is what reaches the sink processor's "no partitioner" branch; the DSL passes it through.
        stream.To(new FixedTopic<TKey, TValue>(topic), null!, keySerdes, valueSerdes, named!);
    }

    private sealed class FixedTopic<TKey, TValue>(string topic) : ITopicNameExtractor<TKey, TValue>
    {
        public string Extract(TKey key, TValue value, IRecordContext recordContext) => topic;
    }
}
