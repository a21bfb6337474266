using Confluent.Kafka;
using StreamWorker.EmbeddedKafka.Native;

namespace StreamWorker.EmbeddedKafka;

/// <summary>
/// An in-memory Kafka-protocol cluster inside this process: librdkafka's mock cluster, reachable on
/// 127.0.0.1 by any Kafka client (Confluent.Kafka, Streamiz, kcat). For development and tests only.
/// </summary>
/// <remarks>
/// <para>
/// Retention: the mock keeps at most 5 MiB or 100,000 record batches per partition and drops the
/// oldest batches beyond that (the log start offset moves forward). Nothing survives <see cref="Dispose"/>.
/// </para>
/// <para>
/// Not supported by the mock: CreateTopics and DescribeConfigs (admin clients time out), so every topic,
/// Streamiz internal topics included, must be created here first. Producers may still auto-create
/// topics, with 4 partitions.
/// </para>
/// <para>
/// Each broker's fixed port is served by a small relay in front of the mock, whose own listeners
/// always take random ports. Stop every client (Streamiz streams included) before disposing.
/// All members are safe to call from several threads.
/// </para>
/// </remarks>
public sealed partial class EmbeddedKafkaCluster : IDisposable
{
    private const string LoopbackHost = "127.0.0.1";

    private readonly Lock gate = new();
    private readonly IReadOnlyList<BrokerPortForwarder> forwarders;
    private readonly IntPtr kafkaHandle;
    private readonly IntPtr mockCluster;
    private bool disposed;

    private EmbeddedKafkaCluster(IReadOnlyList<BrokerPortForwarder> forwarders, IntPtr kafkaHandle, IntPtr mockCluster)
    {
        this.forwarders = forwarders;
        this.kafkaHandle = kafkaHandle;
        this.mockCluster = mockCluster;
        BootstrapServers = string.Join(',', forwarders.Select(forwarder => $"{LoopbackHost}:{forwarder.Port}"));
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> of every broker, in broker id order.</summary>
    public string BootstrapServers { get; }

    /// <summary>Number of brokers; their ids are 1..BrokerCount.</summary>
    public int BrokerCount => forwarders.Count;

    /// <summary>
    /// Starts a cluster listening on the ports of <paramref name="options"/> and creates its topics.
    /// Throws <see cref="EmbeddedKafkaException"/> naming the port when one is already in use.
    /// </summary>
    public static EmbeddedKafkaCluster Start(EmbeddedKafkaClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var forwarders = BindPorts(options);
        IntPtr kafkaHandle = IntPtr.Zero;
        IntPtr mockCluster = IntPtr.Zero;
        try
        {
            LibRdKafkaResolver.EnsureRegistered();
            kafkaHandle = CreateKafkaHandle();
            mockCluster = LibRdKafka.MockClusterNew(kafkaHandle, options.Brokers);
            if (mockCluster == IntPtr.Zero)
            {
                throw new EmbeddedKafkaException("librdkafka could not create the mock cluster.");
            }

            var mockPorts = ReadMockBrokerPorts(mockCluster, options.Brokers);
            for (var index = 0; index < forwarders.Count; index++)
            {
                // Clients learn broker addresses from Metadata: advertise the relay, never the mock's random port.
                LibRdKafka.MockBrokerSetHostPort(mockCluster, index + 1, LoopbackHost, forwarders[index].Port);
                forwarders[index].Start(mockPorts[index]);
            }

            // The mock waits 3 s before a group's first rebalance; consumers and Streamiz should start at once.
            LibRdKafka.MockGroupInitialRebalanceDelayMs(mockCluster, 0);

            var cluster = new EmbeddedKafkaCluster(forwarders, kafkaHandle, mockCluster);
            foreach (var topic in options.Topics)
            {
                cluster.CreateTopic(topic.Name, topic.Partitions);
            }

            return cluster;
        }
        catch
        {
            DisposeAll(forwarders);
            if (mockCluster != IntPtr.Zero)
            {
                LibRdKafka.MockClusterDestroy(mockCluster);
            }

            if (kafkaHandle != IntPtr.Zero)
            {
                LibRdKafka.Destroy(kafkaHandle);
            }

            throw;
        }
    }

    /// <summary>
    /// Creates a topic with replication min(3, brokers). Creating a topic that exists is fine and leaves
    /// it as it is (its partition count is not changed).
    /// </summary>
    public void CreateTopic(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);

        lock (gate)
        {
            ThrowIfDisposed();
            var replication = Math.Min(3, BrokerCount);
            var error = LibRdKafka.MockTopicCreate(mockCluster, name, partitions, replication);
            if (error != 0 && error != LibRdKafka.TopicAlreadyExists)
            {
                throw new EmbeddedKafkaException($"Could not create topic '{name}': {(ErrorCode)error}.");
            }
        }
    }

    /// <summary>Closes the ports, then destroys the mock cluster and its librdkafka handle. Safe to call twice.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            DisposeAll(forwarders);
            // The cluster belongs to the handle: destroy it first.
            LibRdKafka.MockClusterDestroy(mockCluster);
            LibRdKafka.Destroy(kafkaHandle);
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    private static void DisposeAll(IEnumerable<BrokerPortForwarder> toDispose)
    {
        foreach (var forwarder in toDispose)
        {
            forwarder.Dispose();
        }
    }
}
