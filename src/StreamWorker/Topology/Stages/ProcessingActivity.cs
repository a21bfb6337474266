using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using OpenTelemetry.Context.Propagation;
using StreamWorker.Events;
using Streamiz.Kafka.Net.Processors.Public;

namespace StreamWorker.Topology.Stages;

/// <summary>
/// The processor's span per event, linked to the gateway's trace: the trace context the gateway's producer put in the
/// record's headers is read with OpenTelemetry's configured propagator (W3C trace context by default).
/// </summary>
public static class ProcessingActivity
{
    public static Activity? Start(ActivitySource source, Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(record);
        if (!source.HasListeners()) return null;
        ActivityLink[]? links = null;
        if (record.Headers is { } headers
            && Propagators.DefaultTextMapPropagator.Extract(default, headers, ReadHeader).ActivityContext is var parent && parent.TraceId != default)
        {
            links = [new ActivityLink(parent)];
        }

        return source.StartActivity("process " + TopicNames.Events, ActivityKind.Consumer, default(ActivityContext), links: links);
    }

    private static IEnumerable<string> ReadHeader(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out var value) ? [Encoding.UTF8.GetString(value)] : [];
}
