using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace StreamWorker.EmbeddedKafka;

/// <summary>
/// Listens on a chosen 127.0.0.1 port and relays each connection to one mock broker.
/// The mock always binds its brokers to random ports (rd_kafka_mock_broker_set_host_port
/// only changes the advertised address), so a fixed port needs this relay in front.
/// Binding the port here, before the mock exists, also makes the "port in use" check exact.
/// </summary>
internal sealed class BrokerPortForwarder : IDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> openSockets = new();
    private int targetPort;
    private Task? acceptLoop;
    private int disposed;

    private BrokerPortForwarder(TcpListener listener)
    {
        this.listener = listener;
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The port this relay listens on (the one clients see).</summary>
    public int Port { get; }

    /// <summary>Binds <paramref name="port"/> (0 = any free port) on 127.0.0.1; throws <see cref="SocketException"/> if taken.</summary>
    public static BrokerPortForwarder Bind(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(backlog: 64);
        return new BrokerPortForwarder(listener);
    }

    /// <summary>Starts relaying accepted connections to the mock broker at 127.0.0.1:<paramref name="brokerPort"/>.</summary>
    public void Start(int brokerPort)
    {
        targetPort = brokerPort;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var broker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using (client)
        {
            Track(client);
            Track(broker);
            try
            {
                // Kafka requests are small and latency-bound: never let Nagle hold them back.
                client.NoDelay = true;
                broker.NoDelay = true;
                // A broker set down refuses here, so the client sees the connection drop as with real Kafka.
                await broker.ConnectAsync(new IPEndPoint(IPAddress.Loopback, targetPort), stopping.Token).ConfigureAwait(false);

                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
                var upstream = PumpAsync(client, broker, linked.Token);
                var downstream = PumpAsync(broker, client, linked.Token);
                await Task.WhenAny(upstream, downstream).ConfigureAwait(false);
                // One side closed: Kafka never half-closes, so tear the whole connection down.
                await linked.CancelAsync().ConfigureAwait(false);
                Close(client);
                Close(broker);
                await Task.WhenAll(upstream, downstream).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                // Connection ended (broker down, client gone or relay stopping): nothing to report.
            }
            finally
            {
                Untrack(client);
                Untrack(broker);
            }
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                var sent = 0;
                while (sent < read)
                {
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other direction or Dispose closed the connection.
        }
    }

    private void Track(Socket socket) => openSockets.TryAdd(socket, 0);

    private void Untrack(Socket socket) => openSockets.TryRemove(socket, out _);

    private static void Close(Socket socket)
    {
        try
        {
            socket.Close();
        }
        catch (ObjectDisposedException)
        {
            // Already closed by the other direction.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        stopping.Cancel();
        listener.Stop();
        foreach (var socket in openSockets.Keys)
        {
            Close(socket);
        }

        try
        {
            acceptLoop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop only ends by cancellation or a closed listener.
        }

        stopping.Dispose();
    }
}
