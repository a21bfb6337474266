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
    public static async Task<int> GenerateAsync(GeneratorOptions options, string? output, CancellationToken cancellationToken)
    {
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

    public static async Task<int> ReplayAsync(string file, ReplayOptions options, CancellationToken cancellationToken)
    {
        var deliveries = await DeliveryFile.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        return await ReplayWithProgressAsync(deliveries, options, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<int> RunAsync(GeneratorOptions generator, ReplayOptions options, CancellationToken cancellationToken)
    {
        return await ReplayWithProgressAsync(TrafficGenerator.Generate(generator), options, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<int> WatchAsync(string bootstrap, string? url, CancellationToken cancellationToken)
    {
        using var probe = url is null ? null : new GatewayProbe(CommandOptions.BaseUrl(url));
        await WatchAsync(bootstrap, probe, ingest: null, cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> DemoAsync(string url, string bootstrap, ReplayOptions replay, GeneratorOptions traffic, double rate, CancellationToken cancellationToken)
    {
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

    public static async Task<int> NoopServerAsync(string urls, CancellationToken cancellationToken)
    {
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

    public static async Task<int> LoadAsync(LoadOptions options, string? freshnessBootstrap, string freshnessTopic, CancellationToken cancellationToken)
    {
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

    public static async Task<int> PrefillAsync(GeneratorOptions generator, string bootstrap, string topic, int limit, string compression, CancellationToken cancellationToken)
    {
        var filler = new EventsTopicFiller(bootstrap, topic, compression);
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = PrintCountProgressAsync("prefill", () => filler.Written, progressStop.Token);
        var result = await filler.FillAsync(TrafficGenerator.Generate(generator), generator.Start, limit, cancellationToken).ConfigureAwait(false);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, SimulatorJsonContext.Default.PrefillResult)).ConfigureAwait(false);
        return 0;
    }

    public static async Task<int> RawConsumeAsync(string bootstrap, string topic, int count, TimeSpan idle, CancellationToken cancellationToken)
    {
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
