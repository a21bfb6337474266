using System.Runtime;
using Microsoft.Extensions.Options;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.Failure;

namespace StreamWorker.Topology;

/// <summary>
/// Runs the processor topology: builds the stream configuration, starts the <see cref="KafkaStream"/>, and on
/// shutdown closes it (Streamiz commits and closes its stream threads). Readiness reads <see cref="IsRunning"/>.
/// </summary>
public sealed partial class ProcessorService : BackgroundService
{
    private readonly ProcessorOptions options;
    private readonly TopicOptions topics;
    private readonly Func<string> bootstrapServers;
    private readonly IReadOnlyDictionary<string, string> clientProperties;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger<ProcessorService> logger;
    private readonly ProcessorFailure failure;
    private readonly ProcessorTelemetry telemetry;
    private readonly ProcessorLiveness liveness;
    private readonly RetentionLoss retentionLoss;
    private volatile bool stopping;
    private KafkaStream? stream;
    private volatile KafkaStream.State? state;

    /// <param name="options">Processor settings (validated).</param>
    /// <param name="topics">Topic names.</param>
    /// <param name="bootstrapServers">The effective bootstrap list, read at start (the embedded broker's, or <c>Kafka:BootstrapServers</c>).</param>
    /// <param name="clientProperties">librdkafka properties for every client (<c>Kafka:Client:*</c>).</param>
    /// <param name="loggerFactory">Logging for this service and Streamiz.</param>
    /// <param name="failure">Where a record that cannot be written, or a dead stream thread, stops the process.</param>
    /// <param name="telemetry">The processor's meters and activity source, handed to the topology's stages.</param>
    /// <param name="liveness">Whether the instance consumes what it owns: readiness, and the stop after <c>Processor:StallTimeout</c>.</param>
    /// <param name="retentionLoss">Where events removed by retention before they were read are counted.</param>
    public ProcessorService(
        IOptions<ProcessorOptions> options,
        IOptions<TopicOptions> topics,
        Func<string> bootstrapServers,
        IReadOnlyDictionary<string, string> clientProperties,
        ILoggerFactory loggerFactory,
        ProcessorFailure failure,
        ProcessorTelemetry telemetry,
        ProcessorLiveness liveness,
        RetentionLoss retentionLoss)
    {
        this.retentionLoss = retentionLoss ?? throw new ArgumentNullException(nameof(retentionLoss));
        this.liveness = liveness ?? throw new ArgumentNullException(nameof(liveness));
        this.failure = failure ?? throw new ArgumentNullException(nameof(failure));
        this.telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.options = options.Value;
        this.topics = topics.Value;
        this.bootstrapServers = bootstrapServers ?? throw new ArgumentNullException(nameof(bootstrapServers));
        this.clientProperties = clientProperties ?? throw new ArgumentNullException(nameof(clientProperties));
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<ProcessorService>();
    }

    /// <summary>True while the instance consumes what it owns (<see cref="ProcessorLiveness"/>) and nothing has failed (readiness).</summary>
    public bool IsRunning => liveness.StallReason(state?.Name) is null && !failure.HasFailed;

    /// <summary>Why the processor stopped, or why it is not consuming, when it is not running.</summary>
    public string? FailureReason => failure.Reason ?? liveness.StallReason(state?.Name);

    /// <summary>The current Streamiz state name (CREATED, REBALANCING, RUNNING, ...), or null before start.</summary>
    public string? CurrentState => state?.Name;

    /// <summary>The Streamiz configuration of this processor; public so tests and tools see the same settings.</summary>
    public static StreamConfig<StringSerDes, ByteArraySerDes> CreateConfig(
        ProcessorOptions options, string bootstrapServers, IReadOnlyDictionary<string, string> clientProperties)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientProperties);
        var config = new StreamConfig<StringSerDes, ByteArraySerDes>
        {
            ApplicationId = options.ApplicationId,
            BootstrapServers = bootstrapServers,
            Guarantee = options.ExactlyOnce ? ProcessingGuarantee.EXACTLY_ONCE : ProcessingGuarantee.AT_LEAST_ONCE,
            StateDir = options.StateDirectory,
            NumStreamThreads = options.StreamThreads,
            DefaultTimestampExtractor = new EventTimeExtractor(),
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
        };
        if (options.CommitInterval is { } commitInterval) config.CommitIntervalMs = (long)commitInterval.TotalMilliseconds;

        // librdkafka prefetches up to 64 MiB per partition by default: with 55 partitions that is most of a
        // processor's memory. 1 MiB per partition (a couple of thousand events) keeps the stream thread fed;
        // refetching 10 ms after the queue drains, not librdkafka's 1 s, keeps the throughput (BENCHMARKS.md, "Memory").
        // Kafka:Client:* still overrides both.
        config.QueuedMaxMessagesKbytes = 1024;
        config.FetchQueueBackoffMs = 10;

        // The stores' exactness after a crash needs each changelog to hold a prefix of the writes made (docs/topology.md,
        // "Restarts"): an idempotent producer keeps order, and with the gapless guarantee a batch that fails for good
        // stops the producer instead of letting later batches through. Exactly-once has its own (transactional) producer.
        if (!options.ExactlyOnce)
        {
            config.EnableIdempotence = true;
            config.EnableGaplessGuarantee = true;
        }
        StreamClientProperties.Apply(config, clientProperties);
        return config;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Throughput over pause times: without background collections the heap does not grow while a gen2
        // collection runs beside the stream thread (peak RSS ~10 % lower, throughput the same; BENCHMARKS.md, "Memory").
        GCSettings.LatencyMode = GCLatencyMode.Batch;

        // Watched from the start: a cluster or events topic that cannot be reached also counts as not consuming.
        var watching = WatchStallsAsync(stoppingToken);
        try
        {
            await StartStreamAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A client setting librdkafka refuses, or any other start failure: the host would otherwise stop with
            // exit code 0, as it does for every failed background service.
            failure.Fail($"the stream could not start: {ex.Message}");
        }

        try
        {
            await watching;
        }
        catch (OperationCanceledException)
        {
            // Shutdown requested: StopAsync disposes the stream, which commits and closes the threads.
        }
    }

    /// <summary>
    /// Once a second: an instance that has not consumed what it owns for <c>Processor:StallTimeout</c> (not RUNNING,
    /// no partition, a thread fenced out of the group) stops with exit code 3, so that it is replaced; until then it
    /// is not ready. Streamiz does not always come back from a fenced thread on its own, and a ready pod that reads
    /// nothing would hold its partitions unread.
    /// </summary>
    private async Task WatchStallsAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), telemetry.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (stopping || failure.HasFailed) continue;
            var stalled = liveness.Check(state?.Name);
            if (stalled >= options.StallTimeout)
            {
                failure.Fail($"not consuming for {stalled.TotalSeconds:0} s (Processor:StallTimeout {options.StallTimeout}): {liveness.StallReason(state?.Name) ?? "recovered just now"}");
            }
        }
    }

    private async Task StartStreamAsync(CancellationToken stoppingToken)
    {
        var config = CreateConfig(options, bootstrapServers(), clientProperties);
        config.Logger = new StreamizLoggerFactory(loggerFactory, liveness.Fenced, () => failure.HasFailed);
        StopOnFailure(config, failure);
        var builder = new StreamBuilder();
        ProcessorTopology.Build(builder, options, topics, telemetry, await EventsPartitionsAsync(config.BootstrapServers, clientProperties, topics.Events, stoppingToken), liveness, retentionLoss);
        stream = new KafkaStream(builder.Build(), config);
        stream.StateChanged += (_, now) =>
        {
            state = now;
            telemetry.StreamStateChanged(now.Name);
            LogStateChanged(now.Name);
            if (!stopping && (now == KafkaStream.State.ERROR || now == KafkaStream.State.NOT_RUNNING))
            {
                failure.Fail($"the stream threads stopped (state {now.Name})");
            }
        };
        LogStarting(options.ApplicationId, options.Guarantee, options.StateStore);
        await stream.StartAsync(stoppingToken);
    }

    /// <summary>
    /// The partition count of the events topic, from the cluster's metadata: the topology sends each partition's
    /// progress to that many company partitions. Waits (retrying every 2 s) while the cluster cannot be reached or the
    /// topic does not exist yet; the stall watch stops the process if that lasts <c>Processor:StallTimeout</c>. The admin
    /// client takes every <c>Kafka:Client:*</c> property, so a property librdkafka refuses stops the start naming it.
    /// </summary>
    public static async Task<int> EventsPartitionsAsync(
        string bootstrapServers, IReadOnlyDictionary<string, string> clientProperties, string eventsTopic, CancellationToken cancellationToken)
    {
        var config = new Confluent.Kafka.AdminClientConfig(clientProperties.ToDictionary()) { BootstrapServers = bootstrapServers };
        using var admin = new Confluent.Kafka.AdminClientBuilder(config).Build();
        while (true)
        {
            try
            {
                var metadata = admin.GetMetadata(eventsTopic, TimeSpan.FromSeconds(10));
                if (metadata.Topics.FirstOrDefault(t => t.Topic == eventsTopic) is { Error.IsError: false, Partitions.Count: > 0 } topic) return topic.Partitions.Count;
            }
            catch (Confluent.Kafka.KafkaException)
            {
                // Not reachable yet: try again.
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>
    /// Streamiz's three exception handlers, set explicitly: none of them may continue past a record. A record that
    /// cannot be written (too large, topic missing, not authorised, any non-retriable error), an exception in a
    /// stream thread, or a record of an internal topic that cannot be read stops the processor.
    /// </summary>
    public static void StopOnFailure(StreamConfig config, ProcessorFailure failure)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(failure);
        config.ProductionExceptionHandler = report =>
        {
            failure.Fail($"a record cannot be written to topic {report.Topic}: {report.Error.Code} ({report.Error.Reason})");
            return ProductionExceptionHandlerResponse.FAIL;
        };
        config.InnerExceptionHandler = exception =>
        {
            failure.Fail($"a stream thread failed: {exception.GetType().Name}: {exception.Message}");
            return ExceptionHandlerResponse.FAIL;
        };
        config.DeserializationExceptionHandler = (_, record, exception) =>
        {
            failure.Fail($"a record of topic {record.Topic} cannot be read: {exception.GetType().Name}");
            return ExceptionHandlerResponse.FAIL;
        };
    }

    /// <summary>How long the stream threads may take to commit and close on a stop; a thread fenced out of its group can hang there.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(20);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        await base.StopAsync(cancellationToken);
        if (stream is { } closing)
        {
            stream = null;
            var closed = Task.Run(closing.Dispose, CancellationToken.None);
            if (await Task.WhenAny(closed, Task.Delay(CloseTimeout, telemetry.Time, CancellationToken.None)) != closed)
            {
                // Stopping anyway loses nothing: the restart reads again from the last commit.
                failure.Fail($"the stream threads did not close within {CloseTimeout.TotalSeconds:0} s of the stop (state {state?.Name})");
                return;
            }
        }

        LogStopped();
    }

    public override void Dispose()
    {
        stream?.Dispose();
        stream = null;
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Processor starting: application id {ApplicationId}, guarantee {Guarantee}, state store {StateStore}")]
    private partial void LogStarting(string applicationId, string guarantee, string stateStore);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processor stream state {State}")]
    private partial void LogStateChanged(string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Processor stopped: stream threads committed and closed")]
    private partial void LogStopped();
}
