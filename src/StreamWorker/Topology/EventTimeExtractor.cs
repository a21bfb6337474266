using Confluent.Kafka;
using Streamiz.Kafka.Net.Processors;
using StreamWorker.Events;

namespace StreamWorker.Topology;

/// <summary>
/// Event time is the envelope <c>timestamp</c> (docs/topics.md). A value that does not parse keeps the
/// partition's time so it does not move stream time; the conference stage dead-letters it.
/// </summary>
public sealed class EventTimeExtractor : ITimestampExtractor
{
    public long Extract(ConsumeResult<object, object> record, long partitionTime)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Message.Value is byte[] value && StoredEventReader.TryRead(value, out var stored, out _))
        {
            return stored!.Timestamp.ToUnixTimeMilliseconds();
        }

        return partitionTime >= 0 ? partitionTime : Math.Max(0, record.Message.Timestamp.UnixTimestampMs);
    }
}
