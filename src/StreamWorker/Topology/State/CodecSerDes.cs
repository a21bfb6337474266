using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace StreamWorker.Topology.State;

/// <summary>
/// Values in their binary form (<see cref="StateValueCodec"/>): state values for the stage stores and their changelogs,
/// attempt changes on the repartition topic from the conference stage to the company stage.
/// </summary>
public sealed class CodecSerDes<T>(Func<T, byte[]> serialize, Func<byte[], T> deserialize) : AbstractSerDes<T>
    where T : class
{
    public override byte[] Serialize(T data, SerializationContext context) => data is null ? null! : serialize(data);

    public override T Deserialize(byte[] data, SerializationContext context) => data is null ? null! : deserialize(data);
}
