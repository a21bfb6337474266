using System.Net;
using System.Net.Sockets;

namespace StreamWorker.Testing;

/// <summary>
/// Ports for the child processes to listen on, handed out in turn from below Linux's ephemeral range (32768-60999
/// by default). A port the system picked for us (port 0) comes from that range, where every outgoing connection (each
/// Kafka client makes several) also takes its local port: one could take it between our check and the child's
/// bind, and the child would fail with "address already in use".
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;
    private static readonly Lock Gate = new();
    private static int next = First + Random.Shared.Next(Last - First);

    /// <summary>
    /// The first of <paramref name="count"/> consecutive ports that are free now (an embedded cluster of several
    /// brokers listens on consecutive ports); no later call hands them out again in this process.
    /// </summary>
    public static int Next(int count = 1)
    {
        lock (Gate)
        {
            for (var tries = 0; tries < Last - First; tries++)
            {
                var first = next + count - 1 > Last ? First : next;
                next = first + count > Last ? First : first + count;
                if (Enumerable.Range(first, count).All(IsFree)) return first;
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free ports between {First} and {Last}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
