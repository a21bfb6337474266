using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
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
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private const string LoopbackHost = "127.0.0.1";
    private const int AllBrokers = -1;
    private const int IPEndPointMaxPort = 65535;

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

    /// <summary>Drops the broker's connections and refuses new ones. Partition leadership does not move.</summary>
    public void SetBrokerDown(int brokerId) => ApplyToBroker(CheckedBrokerId(brokerId), LibRdKafka.MockBrokerSetDown, "set down");

    /// <summary>Lets the broker accept connections again.</summary>
    public void SetBrokerUp(int brokerId) => ApplyToBroker(CheckedBrokerId(brokerId), LibRdKafka.MockBrokerSetUp, "set up");

    /// <summary>Takes every broker down: the cluster becomes unreachable.</summary>
    public void SetAllBrokersDown() => ApplyToBroker(AllBrokers, LibRdKafka.MockBrokerSetDown, "set down");

    /// <summary>Brings every broker back up.</summary>
    public void SetAllBrokersUp() => ApplyToBroker(AllBrokers, LibRdKafka.MockBrokerSetUp, "set up");

    /// <summary>Delays every response of the broker by <paramref name="rtt"/> (whole milliseconds; zero removes the delay).</summary>
    public void SetRoundTripTime(int brokerId, TimeSpan rtt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rtt, TimeSpan.Zero);
        var rttMs = (int)Math.Min(int.MaxValue, rtt.TotalMilliseconds);
        ApplyToBroker(CheckedBrokerId(brokerId), (cluster, id) => LibRdKafka.MockBrokerSetRtt(cluster, id, rttMs), "set round-trip time of");
    }

    /// <summary>
    /// Makes the next requests of Kafka API <paramref name="apiKey"/> (Produce = 0, Fetch = 1, ...), on any broker,
    /// fail with <paramref name="errors"/>, one error per request, in order.
    /// <see cref="ErrorCode.Local_Transport"/> makes the broker drop the connection instead.
    /// </summary>
    public unsafe void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        var codes = Array.ConvertAll(errors, error => (int)error);
        lock (gate)
        {
            ThrowIfDisposed();
            fixed (int* first = codes)
            {
                LibRdKafka.MockPushRequestErrorsArray(mockCluster, apiKey, (nuint)codes.Length, first);
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

    private static void Validate(EmbeddedKafkaClusterOptions options)
    {
        if (options.Brokers is < 1 or > 32)
        {
            throw new EmbeddedKafkaException($"Brokers must be between 1 and 32, not {options.Brokers}.");
        }

        if (options.Port < 0 || options.Port + options.Brokers - 1 > IPEndPointMaxPort)
        {
            throw new EmbeddedKafkaException(
                $"Port {options.Port} cannot hold {options.Brokers} broker(s): ports must be between 1 and {IPEndPointMaxPort}, or 0 to pick free ports.");
        }

        ArgumentNullException.ThrowIfNull(options.Topics);
        foreach (var topic in options.Topics)
        {
            if (string.IsNullOrWhiteSpace(topic.Name) || topic.Partitions < 1)
            {
                throw new EmbeddedKafkaException($"Topic '{topic.Name}' needs a name and at least one partition (got {topic.Partitions}).");
            }
        }
    }

    private static List<BrokerPortForwarder> BindPorts(EmbeddedKafkaClusterOptions options)
    {
        var forwarders = new List<BrokerPortForwarder>(options.Brokers);
        for (var index = 0; index < options.Brokers; index++)
        {
            var port = options.Port == 0 ? 0 : options.Port + index;
            try
            {
                forwarders.Add(BrokerPortForwarder.Bind(port));
            }
            catch (SocketException e)
            {
                DisposeAll(forwarders);
                throw e.SocketErrorCode == SocketError.AddressAlreadyInUse
                    ? new EmbeddedKafkaException(
                        $"Embedded Kafka: port {port} on {LoopbackHost} (broker {index + 1}) is already in use; " +
                        "set Kafka:Embedded:Port to a free port (0 picks one) or stop the process using it.", e)
                    : new EmbeddedKafkaException($"Embedded Kafka: cannot listen on {LoopbackHost}:{port} (broker {index + 1}): {e.Message}", e);
            }
        }

        return forwarders;
    }

    private static unsafe IntPtr CreateKafkaHandle()
    {
        const int errorSize = 512;
        var error = stackalloc byte[errorSize];
        var conf = LibRdKafka.ConfNew();
        // The handle only hosts the mock: it has no bootstrap servers, so keep its "no brokers" warnings quiet.
        if (LibRdKafka.ConfSet(conf, "log_level", "3", error, errorSize) != LibRdKafka.ConfOk)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new EmbeddedKafkaException($"librdkafka rejected its configuration: {Marshal.PtrToStringUTF8((IntPtr)error)}");
        }

        var handle = LibRdKafka.New(LibRdKafka.ProducerType, conf, error, errorSize);
        if (handle == IntPtr.Zero)
        {
            // rd_kafka_new only takes ownership of conf on success.
            LibRdKafka.ConfDestroy(conf);
            throw new EmbeddedKafkaException($"librdkafka could not create a handle for the mock cluster: {Marshal.PtrToStringUTF8((IntPtr)error)}");
        }

        return handle;
    }

    /// <summary>The mock's own (random) listener ports in broker id order, from its bootstrap list.</summary>
    private static int[] ReadMockBrokerPorts(IntPtr mockCluster, int brokers)
    {
        var bootstraps = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(mockCluster)) ?? string.Empty;
        var ports = bootstraps
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(address => int.Parse(address[(address.LastIndexOf(':') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();
        if (ports.Length != brokers)
        {
            throw new EmbeddedKafkaException($"The mock cluster reported {ports.Length} broker address(es) for {brokers} broker(s): '{bootstraps}'.");
        }

        return ports;
    }

    private void ApplyToBroker(int brokerId, Func<IntPtr, int, int> command, string action)
    {
        lock (gate)
        {
            ThrowIfDisposed();
            var error = command(mockCluster, brokerId);
            if (error != 0)
            {
                var target = brokerId == AllBrokers ? "all brokers" : $"broker {brokerId}";
                throw new EmbeddedKafkaException($"Could not {action} {target}: {(ErrorCode)error}.");
            }
        }
    }

    private int CheckedBrokerId(int brokerId)
    {
        if (brokerId < 1 || brokerId > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"Broker ids run from 1 to {BrokerCount}.");
        }

        return brokerId;
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
