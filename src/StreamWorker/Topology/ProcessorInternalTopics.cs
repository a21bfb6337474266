using Microsoft.Extensions.Options;
using StreamWorker.Kafka;

namespace StreamWorker.Topology;

/// <summary>The processor's changelog and repartition topics (<see cref="ProcessorTopology.InternalTopics"/>), for the topic plan.</summary>
public sealed class ProcessorInternalTopics(IOptions<ProcessorOptions> options) : IInternalTopicSource
{
    public IReadOnlyList<string> InternalTopics { get; } = ProcessorTopology.InternalTopics(options.Value);
}
