using System.Globalization;
using System.Text.Json;
using StreamWorker.Simulator.Generation;
using StreamWorker.Simulator.Kafka;
using StreamWorker.Simulator.Load;
using StreamWorker.Simulator.Noop;
using StreamWorker.Simulator.Replay;
using StreamWorker.Simulator.Watch;

namespace StreamWorker.Simulator.Cli;

/// <summary>The simulator's commands; each returns the process exit code.</summary>
internal static class Commands
{
    public const string Usage = """
        StreamWorker simulator: realistic webhook traffic, replay, live view and benchmark load.

        commands:
          generate    --out deliveries.ndjson [generator options]
          replay      --file deliveries.ndjson --url http://127.0.0.1:8080/webhooks --token T [replay options]
          run         [generator options] [replay options]              generate in memory and replay
          watch       [--bootstrap 127.0.0.1:9092] [--url http://127.0.0.1:8080]
          demo        [--token demo-token] [--url ...] [--bootstrap ...] [--rate 200] [--companies 20] [--seed S]
          noop-server [--urls http://127.0.0.1:5099]
          load        --url ... --token T [--duration 20s] [--warmup 5s] [--concurrency 32] [--rate R]
                      [--freshness-bootstrap HOST:PORT [--freshness-topic analytics-conference-participants]]
          prefill     --bootstrap 127.0.0.1:9092 [--topic webhook-events] [--limit N] [--compression none|lz4|zstd] [generator options]
          raw-consume --bootstrap 127.0.0.1:9092 [--topic webhook-events] [--count N] [--idle 10s]

        generator options: --companies 10 --conferences 100 --duration 10m --seed 1 --duplicates 0.05
                           --out-of-order 0.05 --late 0 --unknown 0.001 --invalid 0 --start 2026-01-01T00:00:00Z|now
                           --viewers N --participants N  (one large conference of that audience over --duration)
        replay options:    --rate 500 (deliveries/s, 0 = as fast as possible) --pace rate|realtime
                           --concurrency 16 --max-attempts 6   (token also from STREAMWORKER_TOKEN)
        """;

    public static async Task<int> GenerateAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var options = CommandOptions.Generator(args);
        var output = args.OptionalString("out");
        args.RejectUnknown();
        var deliveries = TrafficGenerator.Generate(options);
        if (output is null or "-")
        {
            // Buffered: Console.Out flushes every line, which is slow for millions of them.
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
            await using (stdout.ConfigureAwait(false))
            {
                await DeliveryFile.WriteAsync(deliveries, stdout, cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }

        var count = await DeliveryFile.WriteAsync(deliveries, output, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"wrote {count} deliveries to {output}").ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> ReplayAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var file = args.OptionalString("file") ?? throw new UsageException("--file is required");
        var options = CommandOptions.Replay(args);
        args.RejectUnknown();
        var deliveries = await DeliveryFile.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        return await ReplayWithProgressAsync(deliveries, options, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<int> RunAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var generator = CommandOptions.Generator(args);
        var options = CommandOptions.Replay(args);
        args.RejectUnknown();
        return await ReplayWithProgressAsync(TrafficGenerator.Generate(generator), options, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<int> WatchAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var bootstrap = args.String("bootstrap", "127.0.0.1:9092");
        var url = args.OptionalString("url");
        args.RejectUnknown();
        using var probe = url is null ? null : new GatewayProbe(CommandOptions.BaseUrl(url));
        await WatchAsync(bootstrap, probe, ingest: null, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> DemoAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var url = args.String("url", "http://127.0.0.1:8080");
        var bootstrap = args.String("bootstrap", "127.0.0.1:9092");
        var replay = new ReplayOptions
        {
            Url = CommandOptions.WebhookUrl(url),
            Token = args.OptionalString("token") ?? Environment.GetEnvironmentVariable("STREAMWORKER_TOKEN") ?? "demo-token",
            Pacing = ReplayPacing.RealTime,
            Concurrency = args.Int("concurrency", 16, min: 1, max: 1_024),
        };
        var rate = args.Double("rate", 200, 1, 100_000);
        var traffic = new GeneratorOptions
        {
            Companies = args.Int("companies", 20, min: 1, max: 100_000),
            Seed = args.Int("seed", Environment.TickCount),
            DuplicateShare = args.Double("duplicates", 0.05, 0, 1),
            OutOfOrderShare = args.Double("out-of-order", 0.05, 0, 1),
            LateShare = args.Double("late", 0.001, 0, 1),
            UnknownShare = args.Double("unknown", 0.001, 0, 1),
            InvalidShare = args.Double("invalid", 0, 0, 1),
        };
        args.RejectUnknown();

        var started = TimeProvider.System.GetTimestamp();
        var endless = DemoTraffic.Endless(traffic, rate, TimeProvider.System.GetUtcNow());
        var stats = new ReplayStats();
        using var probe = new GatewayProbe(CommandOptions.BaseUrl(url));
        using var replayer = new Replayer(replay, stats, TimeProvider.System);
        var sending = replayer.RunAsync(endless, cancellationToken);
        await WatchAsync(bootstrap, probe, stats, cancellationToken).ConfigureAwait(false);
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C ends the demo.
        }

        await Console.Out.WriteLineAsync(ProgressPrinter.Summary(stats.Snapshot(), TimeProvider.System.GetElapsedTime(started))).ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> NoopServerAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var urls = args.String("urls", "http://127.0.0.1:5099");
        args.RejectUnknown();
        var app = NoopServer.Build(urls);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync($"no-op endpoint listening on {string.Join(", ", app.Urls)}; POST /webhooks answers 202").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    public static async Task<int> LoadAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var rate = args.Double("rate", 0, 0, 10_000_000);
        var options = new LoadOptions
        {
            Url = CommandOptions.WebhookUrl(args.String("url", "http://127.0.0.1:8080/webhooks")),
            Token = args.OptionalString("token") ?? Environment.GetEnvironmentVariable("STREAMWORKER_TOKEN") ?? "load-token",
            Duration = args.Duration("duration", TimeSpan.FromSeconds(20)),
            Warmup = args.Duration("warmup", TimeSpan.FromSeconds(5)),
            Concurrency = args.Int("concurrency", 32, min: 1, max: 4_096),
            Rate = rate > 0 ? rate : null,
        };
        var freshnessBootstrap = args.OptionalString("freshness-bootstrap");
        var freshnessTopic = args.String("freshness-topic", "analytics-conference-participants");
        args.RejectUnknown();
        var probe = freshnessBootstrap is null ? null : new FreshnessProbe(freshnessBootstrap, freshnessTopic);
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var consuming = probe?.RunAsync(progressStop.Token) ?? Task.CompletedTask;
        for (var waited = 0; probe is { Assigned: false } && waited < 300 && !cancellationToken.IsCancellationRequested; waited++)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        var generator = new LoadGenerator(options, TimeProvider.System, probe);
        var progress = PrintLoadProgressAsync(generator, options, progressStop.Token);
        var result = await generator.RunAsync(cancellationToken).ConfigureAwait(false);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        await consuming.ConfigureAwait(false);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, SimulatorJsonContext.Default.LoadResult)).ConfigureAwait(false);
        return result.Ok > 0 && result.Errors == 0 && result.Non2xx == 0 ? 0 : 1;
    }

    private static async Task WatchAsync(string bootstrap, GatewayProbe? probe, ReplayStats? ingest, CancellationToken cancellationToken)
    {
        var view = new AnalyticsView(TopicLayout.Defaults);
        var consumer = new AnalyticsConsumer(bootstrap, view);
        var consuming = consumer.RunAsync(cancellationToken);
        var probing = probe?.RunAsync(cancellationToken) ?? Task.CompletedTask;
        await new LiveDashboard(view, consumer, probe, ingest, TimeProvider.System).RunAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(IgnoreCancellation(consuming), IgnoreCancellation(probing)).ConfigureAwait(false);
    }

    private static async Task<int> ReplayWithProgressAsync(IEnumerable<Delivery> deliveries, ReplayOptions options, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var stats = new ReplayStats();
        var started = time.GetTimestamp();
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ProgressPrinter.PrintEverySecondAsync(stats, Console.Out, time, progressStop.Token);
        using (var replayer = new Replayer(options, stats, time))
        {
            try
            {
                await replayer.RunAsync(deliveries, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Out.WriteLineAsync("stopped").ConfigureAwait(false);
            }
        }

        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        var summary = stats.Snapshot();
        await Console.Out.WriteLineAsync(ProgressPrinter.Summary(summary, time.GetElapsedTime(started))).ConfigureAwait(false);
        return summary.Failed > 0 || cancellationToken.IsCancellationRequested ? 1 : 0;
    }

    public static async Task<int> PrefillAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var generator = CommandOptions.Generator(args);
        var bootstrap = args.String("bootstrap", "127.0.0.1:9092");
        var topic = args.String("topic", "webhook-events");
        var limit = args.Int("limit", int.MaxValue, min: 1);
        var compression = args.String("compression", "none");
        args.RejectUnknown();
        var filler = new EventsTopicFiller(bootstrap, topic, compression);
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = PrintCountProgressAsync("prefill", () => filler.Written, progressStop.Token);
        var result = await filler.FillAsync(TrafficGenerator.Generate(generator), generator.Start, limit, cancellationToken).ConfigureAwait(false);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, SimulatorJsonContext.Default.PrefillResult)).ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> RawConsumeAsync(CommandLineArgs args, CancellationToken cancellationToken)
    {
        var bootstrap = args.String("bootstrap", "127.0.0.1:9092");
        var topic = args.String("topic", "webhook-events");
        var count = args.Int("count", int.MaxValue, min: 1);
        var idle = args.Duration("idle", TimeSpan.FromSeconds(10));
        args.RejectUnknown();
        var result = await Task.Factory.StartNew(
            () => new RawEventsConsumer(bootstrap, topic).Run(count, idle, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, SimulatorJsonContext.Default.RawConsumeResult)).ConfigureAwait(false);
        return result.Records > 0 ? 0 : 1;
    }

    private static async Task PrintCountProgressAsync(string name, Func<long> count, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[{name} {TimeProvider.System.GetElapsedTime(started).TotalSeconds,4:F0}s] {count()} records")).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    /// <summary>A line on stderr every 5 s, so a long run shows life while stdout stays one JSON line.</summary>
    private static async Task PrintLoadProgressAsync(LoadGenerator generator, LoadOptions options, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var previous = 0L;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var answered = generator.Answered;
                var elapsed = TimeProvider.System.GetElapsedTime(started);
                var phase = elapsed < options.Warmup ? "warm-up" : "measuring";
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"[load {elapsed.TotalSeconds,4:F0}s/{(options.Warmup + options.Duration).TotalSeconds:F0}s {phase}] {answered} answered, {(answered - previous) / 5.0:F0}/s")).ConfigureAwait(false);
                previous = answered;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of these loops.
        }
    }
}
