using Confluent.Kafka;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

/// <summary>
/// Writes a scenario to <c>webhook-events</c> at a steady pace with a real producer (acks=all, idempotent, as
/// the gateway), so processors started before it read a live stream and can be stopped in the middle of it.
/// </summary>
public sealed class ScenarioFeeder(string bootstrapServers, IReadOnlyList<ScenarioRecord> records)
{
    private int _produced;

    /// <summary>Records acknowledged so far.</summary>
    public int Produced => Volatile.Read(ref _produced);

    /// <summary>Writes all records, spread over <paramref name="duration"/>.</summary>
    public Task FeedAsync(TimeSpan duration, CancellationToken cancellationToken) => FeedAsync(records.Count, duration, cancellationToken);

    /// <summary>Writes the next <paramref name="count"/> records (after those already written), spread over <paramref name="duration"/>.</summary>
    public async Task FeedAsync(int count, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        const int Batches = 40;
        var end = Math.Min(records.Count, Produced + count);
        var perBatch = Math.Max(1, (end - Produced + Batches - 1) / Batches);
        var pause = duration / Batches;
        for (var offset = Produced; offset < end; offset += perBatch)
        {
            var batch = records.Skip(offset).Take(Math.Min(perBatch, end - offset))
                .Select(r => producer.ProduceAsync(TopicNames.Events, new Message<string?, byte[]> { Key = r.Key, Value = r.Value }, cancellationToken))
                .ToList();
            await Task.WhenAll(batch);
            Interlocked.Add(ref _produced, batch.Count);
            await Task.Delay(pause, cancellationToken);
        }
    }
}
