using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using StreamWorker.Events;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Kafka;

/// <summary>
/// Writes generated traffic straight into the events topic, as the gateway would have stored it.
/// <paramref name="compression"/> (a librdkafka compression.codec) lets one partition hold more: the embedded broker
/// keeps at most 5 MiB of batches per partition, and a single conference is a single key, so a single partition.
/// </summary>
internal sealed class EventsTopicFiller(string bootstrapServers, string topic, string compression = "none")
{
    private long _written;

    public long Written => Interlocked.Read(ref _written);

    public async Task<PrefillResult> FillAsync(IEnumerable<Delivery> deliveries, DateTimeOffset trafficStart, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 20,
            BatchSize = 1 << 20,
        };
        config.Set("compression.codec", compression);
        Exception? failure = null;
        long skipped = 0, produced = 0;
        var stopwatch = Stopwatch.StartNew();
        using (var producer = new ProducerBuilder<string?, byte[]>(config).SetLogHandler((_, _) => { }).Build())
        {
            foreach (var delivery in deliveries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (produced >= limit || failure is not null)
                {
                    break;
                }

                if (!StoredEventWriter.TryWrite(delivery, trafficStart, out var stored))
                {
                    skipped++;
                    continue;
                }

                var message = new Message<string?, byte[]>
                {
                    Key = stored.Key,
                    Value = stored.Value.ToArray(),
                    Headers = [new Header(RecordHeaderNames.Event, Encoding.UTF8.GetBytes(stored.EventName!)), new Header(RecordHeaderNames.EventId, Encoding.ASCII.GetBytes(stored.EventId!))],
                };
                produced++;
                ProduceWithBackpressure(producer, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        failure ??= new KafkaException(report.Error);
                    }
                    else
                    {
                        Interlocked.Increment(ref _written);
                    }
                });
            }

            await Task.Run(() => producer.Flush(cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            throw failure;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        return new PrefillResult(topic, Written, skipped, Math.Round(seconds, 3), Math.Round(Written / Math.Max(seconds, 1e-9), 1));
    }

    private void ProduceWithBackpressure(IProducer<string?, byte[]> producer, Message<string?, byte[]> message, Action<DeliveryReport<string?, byte[]>> onDelivered)
    {
        // A full local queue is normal when writing as fast as possible: wait for deliveries, then try again (bounded).
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                producer.Produce(topic, message, onDelivered);
                return;
            }
            catch (ProduceException<string?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull && attempt < 600)
            {
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
