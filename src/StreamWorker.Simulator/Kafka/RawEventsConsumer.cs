using System.Diagnostics;
using Confluent.Kafka;
using StreamWorker.Events;

namespace StreamWorker.Simulator.Kafka;

/// <summary>
/// The processor benchmark's baseline: consume the events topic from the beginning and read every value with the
/// processor's own <see cref="StoredEventReader"/> (envelope and the payload fields the aggregates read), doing
/// nothing else. Timed from the first record to the last.
/// </summary>
internal sealed class RawEventsConsumer(string bootstrapServers, string topic)
{
    public RawConsumeResult Run(long expected, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var config = WatchingConsumerConfig.Create(bootstrapServers, "streamworker-raw");
        long records = 0, unparsable = 0;
        long checksum = 0;
        Stopwatch? clock = null;
        var lastRecordAt = TimeSpan.Zero;
        var idle = Stopwatch.StartNew();
        using (var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build())
        {
            consumer.Subscribe(topic);
            while (!cancellationToken.IsCancellationRequested && records < expected && idle.Elapsed < idleTimeout)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result?.Message is null)
                {
                    continue;
                }

                clock ??= Stopwatch.StartNew();
                idle.Restart();
                records++;
                if (TryParse(result.Message.Value, out var conferenceId))
                {
                    checksum += conferenceId;
                }
                else
                {
                    unparsable++;
                }

                lastRecordAt = clock.Elapsed;
            }

            consumer.Close();
        }

        GC.KeepAlive(checksum);
        var seconds = lastRecordAt.TotalSeconds;
        return new RawConsumeResult(topic, records, unparsable, Math.Round(seconds, 3), Math.Round(records / Math.Max(seconds, 1e-9), 1));
    }

    private static bool TryParse(byte[]? value, out long conferenceId)
    {
        conferenceId = 0;
        if (value is null || !StoredEventReader.TryRead(value, out var stored, out _))
        {
            return false;
        }

        conferenceId = stored.Fields.ConferenceId ?? 0;
        return true;
    }
}
