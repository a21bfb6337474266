using System.Diagnostics;
using System.Globalization;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.Stream;
using StreamWorker.Events;
using StreamWorker.Kafka;
using StreamWorker.Topology;

namespace StreamWorker.Bench;

/// <summary>
/// Streamiz's own cost per record: a topology that reads the events topic and writes every record unchanged to
/// one topic, with no state, under the processor's stream configuration (<see cref="ProcessorService.CreateConfig"/>:
/// same guarantee, commit interval and client settings) but Streamiz's record-timestamp extraction instead of our
/// event-time parse. Events/s from the first record counted to the <c>--count</c>th, like the processor benchmark.
/// <c>--partitioner default</c> writes with <c>To(topic, serdes)</c> (Streamiz's default stream partitioner),
/// <c>none</c> with <see cref="KeyPartitionedSink.ToByKey{TKey,TValue}"/>.
/// Two variants price what an aggregate's records cost Streamiz and Kafka, with no rule at all: <c>--copies N</c> writes
/// every record N times (the cost of one more output record per event), <c>--hops N</c> sends every record through N
/// repartition topics (<c>&lt;application id&gt;-hop1-repartition</c>..., created up front) before writing it (the cost of one
/// more internal record per event, produced and read again, as the company stage's input is).
/// </summary>
internal static class PassThrough
{
    private static long _counted;

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        var count = args.Int("count", 0);
        var input = args.String("topic", TopicNames.Events);
        var output = args.String("to", "bench-passthrough");
        var partitioner = args.String("partitioner", "default");
        var copies = args.Int("copies", 1);
        var hops = args.Int("hops", 0);
        var timeout = TimeSpan.FromSeconds(args.Int("timeout", 180));
        var stateDirectory = Path.Combine(Path.GetTempPath(), "streamworker-bench-passthrough-" + Environment.ProcessId);
        var options = new ProcessorOptions
        {
            ApplicationId = args.String("application-id", $"bench-passthrough-{DateTime.UtcNow:HHmmssfff}-{Environment.ProcessId}"),
            StateDirectory = stateDirectory,
        };
        var config = ProcessorService.CreateConfig(options, args.Required("bootstrap"), args.ClientProperties);
        config.DefaultTimestampExtractor = new RecordTimestampExtractor();
        // Streamiz logs to the console by default; stdout is this command's one JSON line.
        config.Logger = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

        var builder = new StreamBuilder();
        var stream = builder.Stream<string, byte[]>(input, new StringSerDes(), new ByteArraySerDes());
        for (var i = 1; i <= hops; i++)
        {
            stream = stream.Repartition(Repartitioned<string, byte[]>.As($"hop{i}").WithKeySerdes(new StringSerDes()).WithValueSerdes(new ByteArraySerDes()));
        }

        // Counted after the hops, so that a record counts once it has been read again from the last one.
        stream = stream.Peek((_, _, _) => Interlocked.Increment(ref _counted));
        if (copies > 1) stream = stream.FlatMapValues((v, _) => Enumerable.Repeat(v, copies), "copies");
        switch (partitioner)
        {
            case "default":
                stream.To(output, new StringSerDes(), new ByteArraySerDes(), "write-passthrough");
                break;
            case "none":
                stream.ToByKey(output, new StringSerDes(), new ByteArraySerDes(), "write-passthrough");
                break;
            default:
                throw new ArgumentException($"--partitioner must be default or none, got '{partitioner}'");
        }

        var kafkaStream = new KafkaStream(builder.Build(), config);
        await kafkaStream.StartAsync(cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        long firstCount = 0, firstAt = 0, endAt = 0, seen = 0;
        while (deadline.Elapsed < timeout && !cancellationToken.IsCancellationRequested)
        {
            seen = Interlocked.Read(ref _counted);
            var now = Stopwatch.GetTimestamp();
            if (firstAt == 0 && seen > 0)
            {
                (firstCount, firstAt) = (seen, now);
            }

            if (count > 0 && seen >= count)
            {
                endAt = now;
                break;
            }

            // The same 0.25 s sampling as the processor benchmark's /metrics polling, so the two rates compare.
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None).ConfigureAwait(false);
        }

        kafkaStream.Dispose();
        var seconds = endAt > 0 ? Stopwatch.GetElapsedTime(firstAt, endAt).TotalSeconds : (double?)null;
        var rate = seconds > 0 ? Math.Round((seen - firstCount) / seconds.Value, 1) : (double?)null;
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $$"""{"passthrough_events_per_s":{{Json(rate)}},"passthrough_seconds":{{Json(seconds is { } s ? Math.Round(s, 3) : null)}},"passthrough_counted":{{seen}},"partitioner":"{{partitioner}}","copies":{{copies}},"hops":{{hops}}}""")).ConfigureAwait(false);
        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort: a temporary directory.
        }

        return rate is null ? 1 : 0;
    }

    private static string Json(double? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture) : "null";
}
