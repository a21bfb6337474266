using System.Diagnostics;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace StreamWorker.EmbeddedKafka.Tests;

public class FaultInjectionTests(ITestOutputHelper output)
{
    private const string Topic = "events";
    // Short enough to keep the tests quick, long enough for a first produce (producer id, metadata) on a loaded CI machine.
    private const int ShortMessageTimeoutMs = 5_000;

    [Fact]
    public async Task Produce_ToABrokerThatIsDown_FailsWithinTheMessageTimeoutAndSucceedsOnceItIsUp()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Topics = [new TopicSpec(Topic, 2)] });
        using var producer = KafkaTestClients.Producer(cluster.BootstrapServers, config => config.MessageTimeoutMs = ShortMessageTimeoutMs);
        await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "before"));

        cluster.SetBrokerDown(1);
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "while-down")));
        clock.Stop();
        output.WriteLine($"broker down: produce failed after {clock.ElapsedMilliseconds} ms with {failure.Error.Code} ({failure.Error.Reason})");
        Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromMilliseconds(ShortMessageTimeoutMs * 3));

        cluster.SetBrokerUp(1);
        using var freshProducer = KafkaTestClients.Producer(cluster.BootstrapServers, config => config.MessageTimeoutMs = 10_000);
        clock.Restart();
        var delivered = await freshProducer.ProduceAsync(Topic, KafkaTestClients.Message("k", "after"));
        output.WriteLine($"broker up: a new producer delivered after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);

        var records = KafkaTestClients.ConsumeFromGroup(cluster.BootstrapServers, Topic, 2);
        Assert.Equal(["after", "before"], records.Select(record => record.Message.Value).Order());
    }

    [Fact]
    public async Task IdempotentProducer_AfterItsBrokerComesBackUp_DeliversAgain()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Topics = [new TopicSpec(Topic, 1)] });
        using var producer = KafkaTestClients.Producer(cluster.BootstrapServers, config => config.MessageTimeoutMs = ShortMessageTimeoutMs);
        await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "before"));

        cluster.SetAllBrokersDown();
        await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "lost")));
        cluster.SetAllBrokersUp();

        var clock = Stopwatch.StartNew();
        DeliveryResult<string, string>? delivered = null;
        // librdkafka reconnects with backoff; allow a few attempts, bounded in count and time.
        for (var attempt = 0; attempt < 5 && delivered is null; attempt++)
        {
            try
            {
                delivered = await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "after"));
            }
            catch (ProduceException<string, string> e)
            {
                output.WriteLine($"attempt {attempt}: {e.Error.Code} fatal={e.Error.IsFatal} ({e.Error.Reason})");
                Assert.False(e.Error.IsFatal, "the idempotent producer must not become fatal after a broker restart");
            }
        }

        output.WriteLine($"same producer delivered after {clock.ElapsedMilliseconds} ms");
        Assert.NotNull(delivered);
        var records = KafkaTestClients.ConsumeFromGroup(cluster.BootstrapServers, Topic, 2);
        Assert.Equal(["before", "after"], records.Select(record => record.Message.Value));
    }

    [Fact]
    public async Task PushRequestErrors_FailTheNextProduceRequests_ThenClear()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Topics = [new TopicSpec(Topic, 1)] });
        using var producer = KafkaTestClients.Producer(cluster.BootstrapServers, config =>
        {
            config.EnableIdempotence = false;
            config.MessageSendMaxRetries = 0;
        });
        await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "warm-up"));

        const short produceApiKey = 0;
        cluster.PushRequestErrors(produceApiKey, ErrorCode.NotEnoughReplicas);

        var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "rejected")));
        Assert.Equal(ErrorCode.NotEnoughReplicas, failure.Error.Code);
        var delivered = await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "accepted"));
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
    }

    [Fact]
    public async Task SetRoundTripTime_DelaysEveryProduceAcknowledgement()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Topics = [new TopicSpec(Topic, 1)] });
        using var producer = KafkaTestClients.Producer(cluster.BootstrapServers);
        await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "warm-up"));

        cluster.SetRoundTripTime(1, TimeSpan.FromMilliseconds(400));
        var clock = Stopwatch.StartNew();
        await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "slow"));
        var slow = clock.Elapsed;

        cluster.SetRoundTripTime(1, TimeSpan.Zero);
        clock.Restart();
        await producer.ProduceAsync(Topic, KafkaTestClients.Message("k", "fast"));
        var fast = clock.Elapsed;

        output.WriteLine($"with 400 ms RTT: {slow.TotalMilliseconds:F0} ms; without: {fast.TotalMilliseconds:F0} ms");
        Assert.InRange(slow, TimeSpan.FromMilliseconds(380), TimeSpan.FromSeconds(5));
        Assert.InRange(fast, TimeSpan.Zero, TimeSpan.FromMilliseconds(350));
    }

    [Fact]
    public void FaultInjection_OnAnUnknownBrokerId_IsRejected()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Brokers = 2 });

        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetBrokerDown(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.SetBrokerUp(0));
    }
}
