using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Streamiz.Kafka.Net.Processors.Public;
using StreamWorker.Telemetry;
using StreamWorker.Topology.Stages;

namespace StreamWorker.Tests.Topology;

/// <summary>The processor's span links to the gateway's trace, read from the record's headers with OpenTelemetry's propagator.</summary>
[Trait("Layer", "Unit")]
public sealed class ProcessingActivityTests
{
    [Fact]
    public void RecordWithTraceContext_ItsSpanLinksToTheGatewaysSpan()
    {
        using var source = new ActivitySource(ProcessorTelemetry.Name + ".Tests");
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).Build();
        var headers = new Headers { { "traceparent", Encoding.ASCII.GetBytes("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") } };

        using var activity = ProcessingActivity.Start(source, Record<string, byte[]>.Create("1", [], headers));

        var link = Assert.Single(Assert.IsType<Activity>(activity).Links);
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", link.Context.TraceId.ToHexString());
        Assert.Equal("00f067aa0ba902b7", link.Context.SpanId.ToHexString());
    }

    [Fact]
    public void RecordWithoutTraceContext_ItsSpanHasNoLink()
    {
        using var source = new ActivitySource(ProcessorTelemetry.Name + ".Tests");
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(source.Name).Build();

        using var activity = ProcessingActivity.Start(source, Record<string, byte[]>.Create("1", [], []));

        Assert.Empty(Assert.IsType<Activity>(activity).Links);
    }
}
