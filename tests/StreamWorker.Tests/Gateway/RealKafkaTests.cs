using System.Net;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using DotNet.Testcontainers.Builders;
using StreamWorker.Events;
using Testcontainers.Kafka;

namespace StreamWorker.Tests.Gateway;

/// <summary>The same gateway against a real Apache Kafka broker in a container, where a Docker engine exists.</summary>
[Trait("Layer", "Integration")]
public sealed class RealKafkaTests
{
    [SkippableFact]
    public async Task Post_AgainstRealKafka_IsAcknowledgedAndStored()
    {
        Skip.IfNot(DockerAvailability.IsAvailable(out var why), "Needs a Docker engine for Testcontainers.Kafka: " + why);

        await using var kafka = new KafkaBuilder("confluentinc/cp-kafka:7.7.1").Build();
        await kafka.StartAsync();
        var bootstrap = kafka.GetBootstrapAddress();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
        {
            await admin.CreateTopicsAsync(
                new[] { TopicNames.Events, TopicNames.DeadLetter }.Select(t => new TopicSpecification { Name = t, NumPartitions = 3, ReplicationFactor = 1 }));
        }

        await using var sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Privacy:HashKey"] = "integration-test-hash-key",
            ["Gateway:AckTimeout"] = "00:00:10",
        });
        using var response = await sw.PostAsync(WebhookSamples.Body("conference_start", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var records = new TopicReader(bootstrap, TopicNames.Events).ReadUntil(r => r.Count > 0, TimeSpan.FromSeconds(30));
        Assert.Single(records);
        Assert.Equal("1258835", records[0].Message.Key);
    }
}
