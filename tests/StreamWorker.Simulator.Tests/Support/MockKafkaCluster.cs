using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace StreamWorker.Simulator.Tests.Support;

/// <summary>
/// librdkafka's in-memory mock cluster, enough for the live view's consumer to read real Kafka protocol from
/// 127.0.0.1. A small test-only stand-in: the product's own embedded broker lives in StreamWorker.EmbeddedKafka.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private const string Library = "librdkafka";
    private readonly IntPtr _handle;
    private readonly IntPtr _cluster;

    static MockKafkaCluster()
    {
        // Debian lacks the SASL library the default build needs; load the build Confluent.Kafka itself falls back to.
        NativeLibrary.SetDllImportResolver(typeof(MockKafkaCluster).Assembly, (name, _, _) =>
        {
            if (name != Library)
            {
                return IntPtr.Zero;
            }

            var directory = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
            foreach (var file in new[] { "centos8-librdkafka.so", "librdkafka.so" })
            {
                if (NativeLibrary.TryLoad(Path.Combine(directory, file), out var handle))
                {
                    return handle;
                }
            }

            return IntPtr.Zero;
        });
    }

    public MockKafkaCluster(IEnumerable<string> topics, int partitions = 2)
    {
        // Let Confluent.Kafka load its native library first, so both use the same one.
        _ = Confluent.Kafka.Library.Version;
        var errors = new byte[512];
        _handle = NativeMethods.rd_kafka_new(0, NativeMethods.rd_kafka_conf_new(), errors, (UIntPtr)errors.Length);
        if (_handle == IntPtr.Zero)
        {
            throw new InvalidOperationException(System.Text.Encoding.ASCII.GetString(errors).TrimEnd('\0'));
        }

        _cluster = NativeMethods.rd_kafka_mock_cluster_new(_handle, 1);
        NativeMethods.rd_kafka_mock_group_initial_rebalance_delay_ms(_cluster, 0);
        BootstrapServers = Marshal.PtrToStringAnsi(NativeMethods.rd_kafka_mock_cluster_bootstraps(_cluster))!;
        foreach (var topic in topics)
        {
            var error = NativeMethods.rd_kafka_mock_topic_create(_cluster, topic, partitions, 1);
            if (error != 0)
            {
                throw new InvalidOperationException($"creating {topic}: error {error}");
            }
        }
    }

    public string BootstrapServers { get; }

    public void Dispose()
    {
        NativeMethods.rd_kafka_mock_cluster_destroy(_cluster);
        NativeMethods.rd_kafka_destroy(_handle);
    }

    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054, CA5392, CA2101 // plain DllImport keeps this test helper short; strings are ASCII topic names
        [DllImport(Library)]
        public static extern IntPtr rd_kafka_conf_new();

        [DllImport(Library)]
        public static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

        [DllImport(Library)]
        public static extern void rd_kafka_destroy(IntPtr rk);

        [DllImport(Library)]
        public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

        [DllImport(Library)]
        public static extern void rd_kafka_mock_cluster_destroy(IntPtr cluster);

        [DllImport(Library)]
        public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

        [DllImport(Library)]
        public static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

        [DllImport(Library, CharSet = CharSet.Ansi, BestFitMapping = false)]
        public static extern int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);
#pragma warning restore SYSLIB1054, CA5392, CA2101
    }
}
