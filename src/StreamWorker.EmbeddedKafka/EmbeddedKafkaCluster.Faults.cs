using Confluent.Kafka;
using StreamWorker.EmbeddedKafka.Native;

namespace StreamWorker.EmbeddedKafka;

// Fault injection for tests: brokers down and up, slow responses, failing requests.
public sealed partial class EmbeddedKafkaCluster
{
    private const int AllBrokers = -1;

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
}
