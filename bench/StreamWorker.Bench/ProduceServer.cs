using System.Buffers;
using System.IO.Pipelines;
using Confluent.Kafka;
using StreamWorker.Events;
using StreamWorker.Gateway;
using StreamWorker.Kafka;

namespace StreamWorker.Bench;

/// <summary>
/// The gateway's ceiling without StreamWorker's own work: a Kestrel endpoint that reads the body of
/// <c>POST /webhooks</c>, produces it unchanged with the gateway's producer settings
/// (<see cref="KafkaEventProducer.CreateConfig"/>: acks=all, idempotent) and answers 202 once the broker has
/// acknowledged it. No token, validation, hashing, key or telemetry: gateway / this is our overhead.
/// </summary>
internal static class ProduceServer
{
    private static readonly byte[] Accepted = """{"event_id":"produce"}"""u8.ToArray();

    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        var urls = args.String("urls", "http://127.0.0.1:5098");
        var topic = args.String("topic", TopicNames.Events);
        var config = KafkaEventProducer.CreateConfig(new GatewayOptions().AckTimeout);
        config.ClientId = "streamworker-bench-produce";
        foreach (var (key, value) in args.ClientProperties)
        {
            config.Set(key, value);
        }

        config.BootstrapServers = args.Required("bootstrap");
        using var producer = new ProducerBuilder<Null, byte[]>(config).SetLogHandler((_, _) => { }).Build();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        var app = builder.Build();
        app.MapPost("/webhooks", context => HandleAsync(context, producer, topic));
        app.MapGet("/healthz", () => Results.Ok());
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"produce endpoint on {string.Join(", ", app.Urls)} -> {topic}").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM from the benchmark script.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        producer.Flush(TimeSpan.FromSeconds(10));
        return 0;
    }

    private static async Task HandleAsync(HttpContext context, IProducer<Null, byte[]> producer, string topic)
    {
        var reader = context.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (read.IsCompleted)
            {
                break;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }

        var body = read.Buffer.ToArray();
        reader.AdvanceTo(read.Buffer.End);
        await producer.ProduceAsync(topic, new Message<Null, byte[]> { Value = body }, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Accepted.Length;
        await context.Response.Body.WriteAsync(Accepted, context.RequestAborted).ConfigureAwait(false);
    }
}
