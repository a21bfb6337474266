using Microsoft.Extensions.Logging;
using StreamWorker.Tests.Support;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Topology;

/// <summary>What Streamiz logs through the processor: everything, until a failure stops it; then the cause stays readable.</summary>
[Trait("Layer", "Unit")]
public sealed class StreamizLoggingTests
{
    [Fact]
    public void AfterAFailure_StreamizErrorsBeyondTheFirstFew_AreDropped_WarningsAndEarlierErrorsKept()
    {
        using var capture = new CapturingLoggerProvider();
        using var host = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        var failed = false;
        var logger = new StreamizLoggerFactory(host, failed: () => failed).CreateLogger("Streamiz.Kafka.Net.Kafka.Internal.RecordCollector");

        logger.LogError("before the failure");
        failed = true;
        for (var i = 0; i < 1_000; i++) logger.LogError("purged record {Number}", i);
        logger.LogWarning("a warning after the failure");

        Assert.Contains(capture.Entries, e => e.Contains("before the failure", StringComparison.Ordinal));
        Assert.Equal(StreamizLoggerFactory.ErrorsAfterFailure, capture.Entries.Count(e => e.Contains("purged record", StringComparison.Ordinal)));
        Assert.Contains(capture.Entries, e => e.Contains("a warning after the failure", StringComparison.Ordinal));
    }

    [Fact]
    public void TheExceptionStreamizLogsWhenFenced_IsReported_OtherErrorsAreNot()
    {
        using var host = LoggerFactory.Create(_ => { });
        var fenced = 0;
        var logger = new StreamizLoggerFactory(host, () => fenced++).CreateLogger("Streamiz.Kafka.Net.Processors.StreamThread");
        // Streamiz's type is internal: built by name, as the processor recognises it.
        var migrated = (Exception)Activator.CreateInstance(
            typeof(Streamiz.Kafka.Net.KafkaStream).Assembly.GetType("Streamiz.Kafka.Net.Errors.TaskMigratedException", throwOnError: true)!, "fenced")!;

        logger.LogError(new InvalidOperationException("not a fence"), "other error");
        Assert.Equal(0, fenced);
        logger.LogError(migrated, "task migrated");
        Assert.Equal(1, fenced);
    }
}
