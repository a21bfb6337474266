namespace StreamWorker.EmbeddedKafka;

/// <summary>A topic to create when the embedded cluster starts.</summary>
public sealed record TopicSpec(string Name, int Partitions);
