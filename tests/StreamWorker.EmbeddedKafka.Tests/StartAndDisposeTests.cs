using System.Net;
using System.Net.Sockets;

namespace StreamWorker.EmbeddedKafka.Tests;

public class StartAndDisposeTests
{
    [Fact]
    public void Start_OnATakenPort_ThrowsNamingThePort()
    {
        var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        try
        {
            var takenPort = ((IPEndPoint)occupant.LocalEndpoint).Port;

            var error = Assert.Throws<EmbeddedKafkaException>(() =>
                EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = takenPort }));

            Assert.Contains($"port {takenPort}", error.Message, StringComparison.Ordinal);
            Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
            Assert.Contains("Kafka:Embedded:Port", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            occupant.Stop();
        }
    }

    [Fact]
    public void Start_OnThePortsOfARunningCluster_ThrowsNamingTheFirstTakenPort()
    {
        using var running = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0 });
        var runningPort = PortsOf(running)[0];

        var error = Assert.Throws<EmbeddedKafkaException>(() =>
            EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = runningPort, Brokers = 2 }));

        Assert.Contains($"port {runningPort}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAFixedPort_PutsTheBrokersOnConsecutivePorts()
    {
        var firstPort = FindFreeConsecutivePorts(3);

        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = firstPort, Brokers = 3 });

        Assert.Equal($"127.0.0.1:{firstPort},127.0.0.1:{firstPort + 1},127.0.0.1:{firstPort + 2}", cluster.BootstrapServers);
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndFreesThePortForANewCluster()
    {
        var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0 });
        var port = PortsOf(cluster)[0];

        cluster.Dispose();
        cluster.Dispose();

        using var successor = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = port });
        Assert.Equal($"127.0.0.1:{port}", successor.BootstrapServers);
        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
    }

    [Fact]
    public void Start_WithInvalidOptions_NamesTheProblem()
    {
        var noBrokers = Assert.Throws<EmbeddedKafkaException>(() => EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Brokers = 0 }));
        var badTopic = Assert.Throws<EmbeddedKafkaException>(() =>
            EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Topics = [new TopicSpec("events", 0)] }));

        Assert.Contains("Brokers", noBrokers.Message, StringComparison.Ordinal);
        Assert.Contains("'events'", badTopic.Message, StringComparison.Ordinal);
    }

    private static int[] PortsOf(EmbeddedKafkaCluster cluster) =>
        cluster.BootstrapServers.Split(',').Select(address => int.Parse(address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A first port whose next <paramref name="count"/> ports were free a moment ago (bounded retries).</summary>
    private static int FindFreeConsecutivePorts(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var first = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            if (first + count - 1 <= 65535 && Enumerable.Range(first, count).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
