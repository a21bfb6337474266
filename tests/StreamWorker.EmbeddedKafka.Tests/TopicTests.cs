using Confluent.Kafka;

namespace StreamWorker.EmbeddedKafka.Tests;

public class TopicTests
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Topics_FromOptionsAndCreateTopic_HaveTheRequestedPartitionCountsInMetadata()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions
        {
            Port = 0,
            Brokers = 3,
            Topics = [new TopicSpec("webhook-events", 6), new TopicSpec("webhook-events-dlq", 1)],
        });
        cluster.CreateTopic("meeting-stats", 4);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(MetadataTimeout);

        Assert.Equal(6, PartitionCount(metadata, "webhook-events"));
        Assert.Equal(1, PartitionCount(metadata, "webhook-events-dlq"));
        Assert.Equal(4, PartitionCount(metadata, "meeting-stats"));
        Assert.All(metadata.Topics.Single(topic => topic.Topic == "webhook-events").Partitions, partition => Assert.Equal(3, partition.Replicas.Length));
    }

    [Fact]
    public void Metadata_AdvertisesEveryBroker_OnThePortsOfTheBootstrapString()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Brokers = 3 });

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(MetadataTimeout);

        var advertised = metadata.Brokers.OrderBy(broker => broker.BrokerId).Select(broker => $"{broker.Host}:{broker.Port}");
        Assert.Equal(3, cluster.BrokerCount);
        Assert.Equal([1, 2, 3], metadata.Brokers.Select(broker => broker.BrokerId).Order());
        Assert.Equal(cluster.BootstrapServers, string.Join(',', advertised));
    }

    [Fact]
    public void CreateTopic_ExistingTopic_SucceedsAndKeepsItsPartitions()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Topics = [new TopicSpec("events", 6)] });

        cluster.CreateTopic("events", 2);
        cluster.CreateTopic("events", 6);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        Assert.Equal(6, PartitionCount(admin.GetMetadata("events", MetadataTimeout), "events"));
    }

    [Fact]
    public void CreateTopic_FromSeveralThreadsAtOnce_AllExist()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Brokers = 2 });
        var names = Enumerable.Range(0, 40).Select(index => $"topic-{index}").ToArray();

        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, name =>
        {
            cluster.CreateTopic(name, 2);
            cluster.CreateTopic(name, 2);
            cluster.SetRoundTripTime(1 + (name.Length % 2), TimeSpan.Zero);
        });

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(MetadataTimeout);
        Assert.All(names, name => Assert.Equal(2, PartitionCount(metadata, name)));
    }

    private static int PartitionCount(Metadata metadata, string topic)
    {
        var found = metadata.Topics.SingleOrDefault(candidate => candidate.Topic == topic);
        Assert.NotNull(found);
        Assert.Equal(ErrorCode.NoError, found.Error.Code);
        return found.Partitions.Count;
    }
}
