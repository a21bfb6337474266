using System.Diagnostics;
using System.Diagnostics.Metrics;
using StreamWorker.Events;

namespace StreamWorker.Telemetry;

/// <summary>
/// The gateway's <see cref="Meter"/> and <see cref="ActivitySource"/> (docs/telemetry.md), created through DI like
/// <see cref="ProcessorTelemetry"/>. Attributes are bounded: known event names (others become <c>unknown</c>),
/// reasons, topics; never ids, tokens or URLs.
/// </summary>
public sealed class GatewayTelemetry : IDisposable
{
    public const string Name = "StreamWorker.Gateway";

    private readonly Counter<long> _rejections;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _deadLetters;
    private readonly Histogram<double> _produceDuration;

    public GatewayTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = Meter = meterFactory.Create(Name);
        _rejections = meter.CreateCounter<long>("streamworker.gateway.rejections", "{request}", "Webhooks rejected, by reason.");
        _accepted = meter.CreateCounter<long>("streamworker.gateway.events.accepted", "{event}", "Webhooks acknowledged by Kafka, by event type.");
        _sent = meter.CreateCounter<long>("messaging.client.sent.messages", "{message}", "Records produced.");
        _deadLetters = meter.CreateCounter<long>("streamworker.deadletter.writes", "{record}", "Dead-letter records written, by reason.");
        _produceDuration = meter.CreateHistogram<double>(
            "messaging.client.operation.duration",
            "s",
            "Time from produce to the broker's acknowledgement.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    public ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>This instance's meter (tests listen to one instance; the host registers the name).</summary>
    public Meter Meter { get; }

    public void Rejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Accepted(string eventName) =>
        _accepted.Add(1, new KeyValuePair<string, object?>("event.type", WebhookEventNames.IsKnown(eventName) ? eventName : "unknown"));

    public void DeadLettered(string reason) => _deadLetters.Add(
        1,
        new KeyValuePair<string, object?>("reason", reason),
        new KeyValuePair<string, object?>("component", "gateway"));

    public void RecordProduce(string topic, TimeSpan elapsed, string? errorType)
    {
        var tags = new TagList
        {
            { "messaging.system", "kafka" },
            { "messaging.operation.name", "send" },
            { "messaging.destination.name", topic },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _produceDuration.Record(elapsed.TotalSeconds, tags);
        _sent.Add(1, tags);
    }

    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
