using Confluent.Kafka;

namespace StreamWorker.EmbeddedKafka.Tests;

/// <summary>
/// A property of the embedded (librdkafka mock) broker that real Kafka does not have, pinned so that a librdkafka
/// upgrade that changes it is noticed: its Fetch answers give the last stable offset as the high watermark and no
/// aborted transactions, so a <c>read_committed</c> consumer is given transactional data that reached the broker
/// whatever became of its transaction: aborted, or never ended (a producer killed mid-transaction; the mock does not
/// time transactions out either). <see cref="TransactionTests"/> sees no aborted record only because that abort came
/// before the data was sent. Streamiz restores state stores with a read_committed consumer, so on this broker a restore
/// holds every write the changelog received, as at-least-once does (docs/reliability.md, "Known limits").
/// </summary>
public class ReadCommittedProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public void ReadCommittedConsumer_IsGivenAbortedAndUnendedTransactionalData_OnceItReachedTheBroker()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions
        {
            Port = 0,
            Brokers = 1,
            Topics = [new TopicSpec("probe", 1)],
        });
        using var aborting = KafkaTestClients.Producer(cluster.BootstrapServers, config => config.TransactionalId = "aborting");
        aborting.InitTransactions(Timeout);
        aborting.BeginTransaction();
        aborting.Produce("probe", KafkaTestClients.Message("k", "aborted"));
        aborting.Flush(Timeout);
        aborting.AbortTransaction(Timeout);

        aborting.BeginTransaction();
        aborting.Produce("probe", KafkaTestClients.Message("k", "committed"));
        aborting.CommitTransaction(Timeout);

        using var unended = KafkaTestClients.Producer(cluster.BootstrapServers, config => config.TransactionalId = "unended");
        unended.InitTransactions(Timeout);
        unended.BeginTransaction();
        unended.Produce("probe", KafkaTestClients.Message("k", "never-ended"));
        unended.Flush(Timeout);

        var records = KafkaTestClients.ConsumeFromGroup(cluster.BootstrapServers, "probe", count: 3,
            config => config.IsolationLevel = IsolationLevel.ReadCommitted, quietPeriod: TimeSpan.FromSeconds(1));

        // Real Kafka: ["committed"] once the unended transaction times out, nothing past it before.
        Assert.Equal(["aborted", "committed", "never-ended"], records.Select(r => r.Message.Value));
    }
}
