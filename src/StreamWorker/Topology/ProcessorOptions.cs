using System.ComponentModel.DataAnnotations;

namespace StreamWorker.Topology;

/// <summary>The processor role's settings (docs/configuration.md). Bound from <c>Processor</c>.</summary>
public sealed class ProcessorOptions
{
    public const string SectionName = "Processor";

    public TimeSpan ParticipantsWindow { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan ChurnWindow { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan DialoutWindow { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan DialoutGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A conference session with no event for this long (stream time) ends with <c>end_reason: "timeout"</c>.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The company usage window (aligned to the epoch, UTC).</summary>
    public TimeSpan UsageWindow { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan UsageGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Idle close: a partition that has read no event for this long (wall-clock) moves its stream time to
    /// wall-clock time minus this, so its last windows close. Zero turns it off.
    /// </summary>
    public TimeSpan IdleCloseAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long this instance may go without consuming what it owns (stream threads not RUNNING, no partition
    /// assigned, or a thread fenced out of the group) before it stops with exit code 3 to be replaced. It is not
    /// ready during that time. Several consumer session timeouts, and longer than the longest state restore.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The aggregates computed, by the names their topics end with, comma separated (all five by default). Sessions and
    /// usage need dial-outs. An aggregate left out costs nothing and writes nothing; adding one back later starts it
    /// from the events read after that, so it is a choice made for a new application id.
    /// </summary>
    public string Aggregates { get; set; } = AggregateNames.AllNames;

    /// <summary>How long seen event ids and conferences are kept after their last event, in stream time.</summary>
    public TimeSpan StateRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Kafka Streams application id: consumer group and prefix of the internal topics.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]+$")]
    public string ApplicationId { get; set; } = "streamworker";

    [Required, RegularExpression("^(at_least_once|exactly_once)$", ErrorMessage = "Processor:Guarantee must be at_least_once or exactly_once")]
    public string Guarantee { get; set; } = "at_least_once";

    [Required, RegularExpression("^(memory|rocksdb)$", ErrorMessage = "Processor:StateStore must be memory or rocksdb")]
    public string StateStore { get; set; } = "memory";

    /// <summary>Where RocksDB stores and Streamiz checkpoints live.</summary>
    [Required]
    public string StateDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "streamworker-state");

    [Range(1, 64)]
    public int StreamThreads { get; set; } = 1;

    /// <summary>
    /// How often offsets (and, exactly-once, transactions) are committed; null keeps Streamiz's default
    /// (30 s at-least-once, 100 ms exactly-once). Shorter means less to read again after a crash.
    /// </summary>
    public TimeSpan? CommitInterval { get; set; }

    /// <summary>
    /// State keys the processor may hold back between commits, all partitions together, so that a key written by
    /// many events in between reaches the changelog once; 0 writes every change through at once.
    /// </summary>
    public int WriteCacheKeys { get; set; } = 20_000;

    public bool ExactlyOnce => Guarantee == "exactly_once";

    public bool UseRocksDb => StateStore == "rocksdb";

    public AggregateSettings ToAggregateSettings() => new(
        (long)ParticipantsWindow.TotalMilliseconds,
        (long)ChurnWindow.TotalMilliseconds,
        (long)DialoutWindow.TotalMilliseconds,
        (long)Grace.TotalMilliseconds,
        (long)DialoutGrace.TotalMilliseconds,
        (long)StateRetention.TotalMilliseconds,
        (long)SessionTimeout.TotalMilliseconds,
        (long)UsageWindow.TotalMilliseconds,
        (long)UsageGrace.TotalMilliseconds,
        AggregateNames.TryParse(Aggregates, out var aggregates) is null ? aggregates : throw new InvalidOperationException("Processor:Aggregates is not valid; options validation refuses it at start"));
}
