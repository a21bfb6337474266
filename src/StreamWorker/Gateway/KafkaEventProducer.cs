using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;

namespace StreamWorker.Gateway;

/// <summary>
/// The gateway's producer (acks=all, idempotent). <see cref="ProduceAsync"/> completes only with the
/// broker's delivery report or when <c>Gateway:AckTimeout</c> runs out: the gateway answers 202 on the
/// first and 503 on the second, so nothing is acknowledged that was not stored.
/// </summary>
public sealed partial class KafkaEventProducer : IDisposable
{
    private readonly IProducer<string?, byte[]> _producer;
    private readonly TimeSpan _ackTimeout;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger<KafkaEventProducer> _logger;
    private readonly TimeProvider _timeProvider;
    private long _lastErrorTicks;

    public KafkaEventProducer(
        KafkaConnection connection,
        IOptions<GatewayOptions> gateway,
        GatewayTelemetry telemetry,
        TimeProvider timeProvider,
        ILogger<KafkaEventProducer> logger)
    {
        _timeProvider = timeProvider;
        _ackTimeout = gateway.Value.AckTimeout;
        _telemetry = telemetry;
        _logger = logger;
        var config = connection.Configure(CreateConfig(_ackTimeout));
        try
        {
            _producer = new ProducerBuilder<string?, byte[]>(config)
                .SetErrorHandler((_, error) => OnError(error))
                .SetLogHandler((_, message) => OnLog(message))
                .Build();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // librdkafka refuses an unknown property or a bad value when the client is built: a setting error, at start.
            throw new OptionsValidationException(KafkaOptions.SectionName, typeof(KafkaOptions), [$"Kafka:Client: {ex.Message}"]);
        }

        Handle = _producer.Handle;
    }

    /// <summary>
    /// The gateway's producer settings before <c>Kafka:Client:*</c> and the bootstrap list are applied. Public so the
    /// benchmark's produce endpoint (bench/StreamWorker.Bench) produces with exactly these settings.
    /// Chosen by measurement (BENCHMARKS.md, "Producer settings"), with the broker out of process.
    /// </summary>
    public static ProducerConfig CreateConfig(TimeSpan ackTimeout) => new()
    {
        Acks = Acks.All,
        EnableIdempotence = true,
        // Each request waits for its own acknowledgement, so a request's latency is the closed-loop rate's
        // ceiling: 0 ms beat 2 ms once five requests may be in flight (batches still form from what queues up
        // while a request is out).
        LingerMs = 0,
        // librdkafka gives up on the record itself at the same deadline as the request, so a record
        // that was answered 503 is not written much later (a retry would then be deduplicated anyway).
        MessageTimeoutMs = (int)Math.Max(1, ackTimeout.TotalMilliseconds),
        SocketTimeoutMs = (int)Math.Max(10, Math.Min(60_000, ackTimeout.TotalMilliseconds)),
        CompressionType = CompressionType.Lz4,
        // Five, the idempotent producer's maximum, for the embedded broker too: the setting we benchmark is the one
        // we ship. librdkafka's mock broker checks idempotent sequence numbers only for transactional producers
        // (rd_kafka_mock_validate_records returns early without a transactional.id), and librdkafka treats an ack
        // of a later request as proof that the earlier ones were written (rd_kafka_dr_implicit_ack). So when the
        // mock answers one pipelined Produce request with an error and accepts the next, the first batch is
        // reported delivered without being stored. The mock only fails a Produce request when a test injects the
        // error (EmbeddedKafkaCluster.PushRequestErrors); those tests set max.in.flight.requests.per.connection=1
        // through Kafka:Client themselves. A real broker answers OUT_OF_ORDER_SEQUENCE_NUMBER and the producer
        // resends in order. Evidence: docs/reliability.md, BENCHMARKS.md ("In-flight requests").
        MaxInFlight = 5,
        ClientId = "streamworker-gateway",
    };

    /// <summary>For admin queries that share this producer's connections (readiness).</summary>
    public Handle Handle { get; }

    /// <summary>When the client last reported a cluster-level error; <see cref="DateTime.MinValue"/> if never.</summary>
    public DateTime LastErrorUtc => new(Interlocked.Read(ref _lastErrorTicks), DateTimeKind.Utc);

    public async Task<ProduceOutcome> ProduceAsync(string topic, string? key, ReadOnlyMemory<byte> value, Headers headers, CancellationToken cancellationToken)
    {
        using var activity = _telemetry.ActivitySource.StartActivity($"send {topic}", ActivityKind.Producer);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.name", "send");
        activity?.SetTag("messaging.destination.name", topic);
        if (activity is not null)
        {
            // W3C trace context (and baggage) in the record's headers, the standard way, for the processor's span.
            Propagators.DefaultTextMapPropagator.Inject(
                new PropagationContext(activity.Context, Baggage.Current), headers, static (h, name, value) => h.Add(name, System.Text.Encoding.UTF8.GetBytes(value)));
        }

        var started = Stopwatch.GetTimestamp();
        var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : value.ToArray();
        var message = new Message<string?, byte[]> { Key = key, Value = bytes, Headers = headers };
        ProduceOutcome outcome;
        try
        {
            await _producer.ProduceAsync(topic, message, cancellationToken).WaitAsync(_ackTimeout, cancellationToken);
            outcome = ProduceOutcome.Ok;
        }
        catch (TimeoutException)
        {
            outcome = ProduceOutcome.Failed("timeout");
        }
        catch (ProduceException<string?, byte[]> ex)
        {
            outcome = ProduceOutcome.Failed(ex.Error.Code == ErrorCode.Local_MsgTimedOut ? "timeout" : ex.Error.Code.ToString());
        }
        catch (KafkaException ex)
        {
            outcome = ProduceOutcome.Failed(ex.Error.Code.ToString());
        }

        _telemetry.RecordProduce(topic, Stopwatch.GetElapsedTime(started), outcome.ErrorType);
        if (!outcome.Acknowledged)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome.ErrorType);
        }

        return outcome;
    }

    public void Dispose()
    {
        // Hand over whatever is still queued before the process goes away (SIGTERM path).
        var remaining = _producer.Flush(_ackTimeout + TimeSpan.FromSeconds(5));
        if (remaining > 0)
        {
            LogUnflushed(_logger, remaining);
        }

        _producer.Dispose();
    }

    private void OnError(Error error)
    {
        Interlocked.Exchange(ref _lastErrorTicks, _timeProvider.GetUtcNow().UtcTicks);
        LogClientError(_logger, error.Code, error.Reason);
    }

    private void OnLog(LogMessage message)
    {
        if (message.Level <= SyslogLevel.Warning)
        {
            LogClientLog(_logger, message.Facility, message.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer error {Code}: {Reason}")]
    private static partial void LogClientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "librdkafka {Facility}: {Text}")]
    private static partial void LogClientLog(ILogger logger, string facility, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} records were still unacknowledged when the producer closed; their senders got 503 and will retry")]
    private static partial void LogUnflushed(ILogger logger, int count);
}
