using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;
using StreamWorker.Aggregates;

namespace StreamWorker.Topology.State;

/// <summary>Attempt changes on the repartition topic from the conference stage to the company stage.</summary>
public sealed class AttemptChangeSerDes : AbstractSerDes<DialoutAttemptChange>
{
    public override byte[] Serialize(DialoutAttemptChange data, SerializationContext context) => data is null ? null! : StateValueCodec.Serialize(data);

    public override DialoutAttemptChange Deserialize(byte[] data, SerializationContext context) => data is null ? null! : StateValueCodec.DeserializeChange(data);
}
