namespace StreamWorker.Topology.Stages;

/// <summary>
/// The input offsets a stage stamps on its writes (docs/topology.md, "Restarts"). Kafka gives every record of a
/// partition a larger offset than the one before; Streamiz's TopologyTestDriver gives the records of internal topics
/// offset 0. A position that does not advance within one task's life is taken as the next one, so the stage sees
/// increasing positions either way. A restarted task starts again from the offsets Kafka gives.
/// </summary>
public sealed class InputPositions
{
    private long last = -1;

    public long Next(long offset) => last = offset > last ? offset : last + 1;
}
