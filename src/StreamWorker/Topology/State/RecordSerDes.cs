using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;

namespace StreamWorker.Topology.State;

/// <summary>An output topic's records in their JSON form (<see cref="OutputRecordJson"/>); written only, never read back by the processor.</summary>
public sealed class RecordSerDes<T>(Func<T, byte[]> serialize) : AbstractSerDes<T>
    where T : class
{
    public override byte[] Serialize(T data, SerializationContext context) => data is null ? null! : serialize(data);

    public override T Deserialize(byte[] data, SerializationContext context) =>
        throw new NotSupportedException($"{typeof(T).Name} is written to its topic, not read from it");
}
