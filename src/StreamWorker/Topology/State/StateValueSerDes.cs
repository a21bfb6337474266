using Confluent.Kafka;
using Streamiz.Kafka.Net.SerDes;
using StreamWorker.Aggregates;

namespace StreamWorker.Topology.State;

/// <summary>State values in their binary form (<see cref="StateValueCodec"/>), for the stage stores and their changelogs.</summary>
public sealed class StateValueSerDes : AbstractSerDes<StateValue>
{
    public override byte[] Serialize(StateValue data, SerializationContext context) => data is null ? null! : StateValueCodec.Serialize(data);

    public override StateValue Deserialize(byte[] data, SerializationContext context) => data is null ? null! : StateValueCodec.Deserialize(data);
}
