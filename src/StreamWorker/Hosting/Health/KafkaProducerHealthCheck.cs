using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StreamWorker.Gateway;
using StreamWorker.Kafka;

namespace StreamWorker.Hosting.Health;

/// <summary>
/// Gateway readiness: the producer reaches the cluster and sees the events topic. Asks through the producer's
/// own connections, so it tests exactly the path a webhook takes; a recent client error also counts.
/// </summary>
public sealed class KafkaProducerHealthCheck(KafkaEventProducer producer, IOptions<TopicOptions> topics, TimeProvider timeProvider) : IHealthCheck
{
    private static readonly TimeSpan ErrorMemory = TimeSpan.FromSeconds(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        return Task.Run(
            () =>
            {
                try
                {
                    using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
                    var metadata = admin.GetMetadata(topics.Value.Events, TimeSpan.FromSeconds(2));
                    var topic = metadata.Topics.FirstOrDefault();
                    if (metadata.Brokers.Count == 0 || topic is null || topic.Error.IsError)
                    {
                        return HealthCheckResult.Unhealthy($"topic {topics.Value.Events} is not available");
                    }

                    var sinceError = timeProvider.GetUtcNow().UtcDateTime - producer.LastErrorUtc;
                    if (topic.Partitions.Any(p => p.Leader < 0) || sinceError < ErrorMemory)
                    {
                        return HealthCheckResult.Unhealthy("the Kafka cluster reported errors in the last seconds");
                    }

                    return HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) reachable");
                }
                catch (KafkaException ex)
                {
                    return HealthCheckResult.Unhealthy("Kafka is unreachable: " + ex.Error.Code);
                }
            },
            cancellationToken);
    }
}
