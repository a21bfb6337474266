using System.Diagnostics;
using System.Text;
using Streamiz.Kafka.Net.Processors.Public;

namespace StreamWorker.Topology.Stages;

/// <summary>The processor's span per event, linked to the gateway's trace through the <c>traceparent</c> header.</summary>
public static class ProcessingActivity
{
    public static Activity? Start(ActivitySource source, Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(record);
        if (!source.HasListeners()) return null;
        ActivityLink[]? links = null;
        if (record.Headers is { } headers && headers.TryGetLastBytes("traceparent", out var traceparent)
            && ActivityContext.TryParse(Encoding.ASCII.GetString(traceparent), null, out var parent))
        {
            links = [new ActivityLink(parent)];
        }

        return source.StartActivity("process webhook-events", ActivityKind.Consumer, default(ActivityContext), links: links);
    }
}
