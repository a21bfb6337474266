using Confluent.Kafka;
using Streamiz.Kafka.Net.Processors;

namespace StreamWorker.Bench;

/// <summary>The record's own timestamp, as Streamiz's default extractor (internal there) gives it: no parse of the value.</summary>
internal sealed class RecordTimestampExtractor : ITimestampExtractor
{
    public long Extract(ConsumeResult<object, object> record, long partitionTime) =>
        Math.Max(0, record.Message.Timestamp.UnixTimestampMs);
}
