using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;

namespace StreamWorker.Simulator.Kafka;

/// <summary>
/// The processor benchmark's baseline: consume the events topic from the beginning and parse every value
/// (envelope and payload identifiers), doing nothing else. Timed from the first record to the last.
/// </summary>
internal sealed class RawEventsConsumer(string bootstrapServers, string topic)
{
    public RawConsumeResult Run(long expected, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"streamworker-raw-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            AllowAutoCreateTopics = false,
        };
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

    /// <summary>Reads what every aggregate needs: the envelope's event and timestamp and the payload's identifiers.</summary>
    private static bool TryParse(byte[]? value, out long conferenceId)
    {
        conferenceId = 0;
        if (value is null)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (!root.TryGetProperty("event", out var eventName) || eventName.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("timestamp", out var timestamp) || !timestamp.TryGetDateTimeOffset(out _)
                || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (payload.TryGetProperty("conference_id", out var conference) && conference.ValueKind == JsonValueKind.Number)
            {
                conferenceId = conference.GetInt64();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
