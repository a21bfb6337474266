using System.Collections.Concurrent;
using StreamWorker.Telemetry;

namespace StreamWorker.Topology;

/// <summary>
/// Records of the events topic the processor never read: the topic's retention removed them before the processor
/// reached them (it was down or behind for longer than the retention; the embedded broker keeps about 5 MiB per
/// partition), so the consumer's position fell below the partition's first offset and moved on to it. Their events
/// are in no aggregate. Counted in <c>streamworker.processor.records.skipped</c>, with one warning per partition.
/// </summary>
public sealed partial class RetentionLoss(ProcessorTelemetry telemetry, ILogger<RetentionLoss> logger)
{
    private readonly ConcurrentDictionary<int, bool> warned = new();

    /// <summary>Offsets <paramref name="from"/> to <paramref name="to"/> (exclusive) of <paramref name="topic"/> partition <paramref name="partition"/> were never read.</summary>
    public void Skipped(string topic, int partition, long from, long to)
    {
        if (to <= from) return;
        telemetry.RecordsSkipped(topic, to - from);
        if (warned.TryAdd(partition, true)) LogSkipped(topic, partition, to - from, from, to - 1);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Topic} partition {Partition}: {Count} records (offsets {From} to {To}) were removed by the topic's retention before the processor read them; their events are in no aggregate. Further losses on this partition are only counted (streamworker.processor.records.skipped)")]
    private partial void LogSkipped(string topic, int partition, long count, long from, long to);
}
