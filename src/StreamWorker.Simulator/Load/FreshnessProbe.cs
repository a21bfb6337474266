using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using StreamWorker.Simulator.Kafka;

namespace StreamWorker.Simulator.Load;

/// <summary>
/// Freshness as an analytics consumer sees it: the time from the gateway's acknowledgement of an event to the first
/// record on the participants topic that counts it. Load bodies are joins, so a conference's records count its joins
/// per window; when the counts add up to n, the conference's first n acknowledged joins are reflected. A join counted
/// before its acknowledgement arrived has freshness 0.
/// </summary>
internal sealed class FreshnessProbe(string bootstrapServers, string topic)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Track> _tracks = [];
    private readonly LatencyRecorder _latencies = new();
    private long _measured;
    private long _lastReflectedAt = Stopwatch.GetTimestamp();
    private volatile bool _assigned;

    /// <summary>Measured joins acknowledged so far and how many of them a record has counted.</summary>
    public (long Measured, long Reflected) Progress
    {
        get
        {
            lock (_lock)
            {
                return (_measured, _latencies.Count);
            }
        }
    }

    /// <summary>True once the consumer holds its partitions; a load started before then would see its first records late.</summary>
    public bool Assigned => _assigned;

    public TimeSpan SinceLastReflected => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastReflectedAt));

    public LatencyRecorder Latencies => _latencies;

    /// <summary>The gateway acknowledged a join of <paramref name="conference"/> at <paramref name="acknowledgedAt"/> (Stopwatch ticks).</summary>
    public void Acknowledged(long conference, long acknowledgedAt, bool measured)
    {
        lock (_lock)
        {
            var track = TrackOf(conference);
            track.Acknowledged.Add(measured ? acknowledgedAt : -1);
            if (measured) _measured++;
            if (measured && track.Acknowledged.Count <= track.Reflected) _latencies.Record(0);
        }
    }

    /// <summary>Consumes the topic on its own thread (Consume blocks) until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken cancellationToken)
    {
        var config = WatchingConsumerConfig.Create(bootstrapServers, "streamworker-freshness");
        // A real broker answers a fetch as soon as data arrives; the embedded one waits the full fetch.wait.max.ms
        // when a fetch finds none, which would add up to 500 ms to every reading (BENCHMARKS.md, "Freshness").
        config.FetchWaitMaxMs = 10;
        using var consumer = new ConsumerBuilder<string, byte[]>(config)
            .SetPartitionsAssignedHandler((_, _) => _assigned = true)
            .SetLogHandler((_, _) => { })
            .Build();
        consumer.Subscribe(topic);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result?.Message?.Value is { } value) Counted(value, Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>A participants record was read at <paramref name="now"/> (Stopwatch ticks).</summary>
    internal void Counted(byte[] value, long now)
    {
        using var record = JsonDocument.Parse(value);
        var root = record.RootElement;
        var conference = root.GetProperty("conference_id").GetInt64();
        var window = root.GetProperty("window_start").GetString() ?? "";
        var joins = root.GetProperty("joins").GetInt32();
        lock (_lock)
        {
            var track = TrackOf(conference);
            track.JoinsByWindow[window] = joins;
            var total = track.JoinsByWindow.Values.Sum();
            for (var i = track.Reflected; i < Math.Min(total, track.Acknowledged.Count); i++)
            {
                if (track.Acknowledged[i] >= 0) _latencies.Record(Math.Max(0, now - track.Acknowledged[i]));
            }

            if (total > track.Reflected)
            {
                track.Reflected = total;
                Interlocked.Exchange(ref _lastReflectedAt, now);
            }
        }
    }

    private Track TrackOf(long conference)
    {
        if (!_tracks.TryGetValue(conference, out var track))
        {
            track = new Track();
            _tracks[conference] = track;
        }

        return track;
    }

    private sealed class Track
    {
        /// <summary>Acknowledgement times in the order they came; -1 for a join sent during the warm-up.</summary>
        public List<long> Acknowledged { get; } = [];

        public Dictionary<string, int> JoinsByWindow { get; } = [];

        public int Reflected { get; set; }
    }
}
