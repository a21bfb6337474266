using Confluent.Kafka;

namespace StreamWorker.EmbeddedKafka.Tests;

public class TransactionTests
{
    private static readonly TimeSpan TransactionTimeout = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void Transactions_ReadCommittedConsumer_SeesCommittedAndNotAborted(int brokers)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions
        {
            Port = 0,
            Brokers = brokers,
            Topics = [new TopicSpec("stats", 3)],
        });
        using (var producer = KafkaTestClients.Producer(cluster.BootstrapServers, config => config.TransactionalId = "stats-writer"))
        {
            producer.InitTransactions(TransactionTimeout);

            producer.BeginTransaction();
            producer.Produce("stats", KafkaTestClients.Message("m1", "aborted"));
            producer.AbortTransaction(TransactionTimeout);

            producer.BeginTransaction();
            producer.Produce("stats", KafkaTestClients.Message("m1", "committed-1"));
            producer.Produce("stats", KafkaTestClients.Message("m2", "committed-2"));
            producer.CommitTransaction(TransactionTimeout);
        }

        var records = KafkaTestClients.ConsumeFromGroup(cluster.BootstrapServers, "stats",
            count: 2,
            config => config.IsolationLevel = IsolationLevel.ReadCommitted,
            quietPeriod: TimeSpan.FromSeconds(1));

        Assert.Equal(["committed-1", "committed-2"], records.Select(record => record.Message.Value).Order());
    }
}
