using Confluent.Kafka;
using Microsoft.Extensions.Options;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.Failure;

namespace StreamWorker.Topology;

/// <summary>
/// Measures the processor's consumer lag on the events topic: the high watermark minus the group's committed
/// offset, per partition, summed. Asked from outside the stream threads (an OffsetFetch needs no group
/// membership), so it works the same against real Kafka and the embedded broker. Committed offsets move with
/// Streamiz's commit interval, so the figure is an upper bound that falls in steps.
/// </summary>
public sealed partial class ConsumerLagMonitor(
    KafkaConnection connection,
    IOptions<ProcessorOptions> processor,
    IOptions<TopicOptions> topics,
    ProcessorTelemetry telemetry,
    TimeProvider timeProvider,
    ProcessorFailure failure,
    ILogger<ConsumerLagMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var topic = topics.Value.Events;
        using var consumer = BuildConsumer();
        if (consumer is null) return;
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                telemetry.ConsumerLagMeasured(topic, Measure(consumer, admin, topic));
            }
            catch (KafkaException ex)
            {
                LogLagFailed(logger, ex.Error.Code);
            }

            try
            {
                await Task.Delay(Interval, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The lag consumer, or null when librdkafka refuses the client settings (the processor then stops).</summary>
    private IConsumer<Ignore, Ignore>? BuildConsumer()
    {
        try
        {
            return new ConsumerBuilder<Ignore, Ignore>(connection.Configure(new ConsumerConfig
            {
                GroupId = processor.Value.ApplicationId,
                EnableAutoCommit = false,
                ClientId = "streamworker-lag-monitor",
            })).Build();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            failure.Fail($"the Kafka client settings were refused: {ex.Message}");
            return null;
        }
    }

    private static long Measure(IConsumer<Ignore, Ignore> consumer, IAdminClient admin, string topic)
    {
        var metadata = admin.GetMetadata(topic, RequestTimeout).Topics.Single();
        var partitions = metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var committed = consumer.Committed(partitions, RequestTimeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        long lag = 0;
        foreach (var partition in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, RequestTimeout);
            var position = committed.TryGetValue(partition.Partition.Value, out var offset) && offset != Offset.Unset ? offset.Value : watermarks.Low.Value;
            lag += Math.Max(0, watermarks.High.Value - position);
        }

        return lag;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Consumer lag not measured this time: {Code}")]
    private static partial void LogLagFailed(ILogger logger, ErrorCode code);
}
