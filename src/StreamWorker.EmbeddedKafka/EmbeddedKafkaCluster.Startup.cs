using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using StreamWorker.EmbeddedKafka.Native;

namespace StreamWorker.EmbeddedKafka;

// The steps of Start: check the options, bind the fixed ports, create the librdkafka handle, read the mock's own ports.
public sealed partial class EmbeddedKafkaCluster
{
    private const int IPEndPointMaxPort = 65535;

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
}
