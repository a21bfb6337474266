using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using StreamWorker.Events;
using StreamWorker.Simulator.Generation;
using StreamWorker.Simulator.Load;
using StreamWorker.Simulator.Replay;

namespace StreamWorker.Simulator.Cli;

/// <summary>
/// The simulator's command line (System.CommandLine): one command per job, each with <c>--help</c>; an unknown or
/// misspelled option, or a value out of its range, is a parse error naming it (exit code 1, usage on stderr).
/// </summary>
internal static class SimulatorCommandLine
{
    private const string DefaultBootstrap = "127.0.0.1:9092";
    internal const string DefaultWebhookUrl = "http://127.0.0.1:8080/webhooks";

    public static RootCommand Build()
    {
        var root = new RootCommand("StreamWorker simulator: realistic webhook traffic, replay, live view and benchmark load.");
        root.Subcommands.Add(Generate());
        root.Subcommands.Add(ReplayCommand());
        root.Subcommands.Add(Run());
        root.Subcommands.Add(Watch());
        root.Subcommands.Add(Demo());
        root.Subcommands.Add(NoopServer());
        root.Subcommands.Add(LoadCommand());
        root.Subcommands.Add(Prefill());
        root.Subcommands.Add(RawConsume());
        return root;
    }

    private static Command Generate()
    {
        var generator = new GeneratorOptionSet();
        var output = new Option<string>("--out") { Description = "NDJSON file of deliveries; - or none: stdout" };
        var command = new Command("generate", "Generate deliveries to an NDJSON file") { output };
        generator.AddTo(command);
        command.SetAction((parse, cancellation) => Commands.GenerateAsync(GeneratorOptionSet.Read(parse), parse.GetValue(output), cancellation));
        return command;
    }

    private static Command ReplayCommand()
    {
        var replay = new ReplayOptionSet();
        var file = new Option<string>("--file") { Description = "NDJSON file of deliveries (from generate)", Required = true };
        var command = new Command("replay", "Send the deliveries of a file to a gateway") { file };
        replay.AddTo(command);
        command.SetAction((parse, cancellation) => Commands.ReplayAsync(parse.GetRequiredValue(file), replay.Read(parse), cancellation));
        return command;
    }

    private static Command Run()
    {
        var generator = new GeneratorOptionSet();
        var replay = new ReplayOptionSet();
        var command = new Command("run", "Generate deliveries in memory and send them to a gateway");
        generator.AddTo(command);
        replay.AddTo(command);
        command.SetAction((parse, cancellation) => Commands.RunAsync(GeneratorOptionSet.Read(parse), replay.Read(parse), cancellation));
        return command;
    }

    private static Command Watch()
    {
        var bootstrap = Text("--bootstrap", DefaultBootstrap, "Kafka bootstrap servers to read the output topics from");
        var url = new Option<string>("--url") { Description = "the gateway's address, for its ingest figures" };
        url.Validators.Add(Url);
        var command = new Command("watch", "Show the output topics as live tables") { bootstrap, url };
        command.SetAction((parse, cancellation) => Commands.WatchAsync(parse.GetRequiredValue(bootstrap), parse.GetValue(url), cancellation));
        return command;
    }

    private static Command Demo()
    {
        var url = Text("--url", "http://127.0.0.1:8080", "the gateway's address");
        url.Validators.Add(Url);
        var bootstrap = Text("--bootstrap", DefaultBootstrap, "Kafka bootstrap servers");
        var token = Token("demo-token");
        var rate = Number("--rate", 200.0, 1, 100_000, "deliveries per second");
        var concurrency = Number("--concurrency", 16, 1, 1_024, "requests in flight");
        var companies = Number("--companies", 20, 1, 100_000, "companies of the traffic");
        var seed = new Option<int>("--seed") { Description = "random seed (default: a new one each run)", DefaultValueFactory = _ => Environment.TickCount };
        var shares = new ShareOptions(late: 0.001);
        var command = new Command("demo", "Send endless realistic traffic and show the output topics live") { url, bootstrap, token, rate, concurrency, companies, seed };
        shares.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var replay = new ReplayOptions
            {
                Url = CommandOptions.WebhookUrl(parse.GetRequiredValue(url)),
                Token = parse.GetRequiredValue(token),
                Pacing = ReplayPacing.RealTime,
                Concurrency = parse.GetValue(concurrency),
            };
            var traffic = ShareOptions.Read(parse, new GeneratorOptions { Companies = parse.GetValue(companies), Seed = parse.GetValue(seed) });
            return Commands.DemoAsync(parse.GetRequiredValue(url), parse.GetRequiredValue(bootstrap), replay, traffic, parse.GetValue(rate), cancellation);
        });
        return command;
    }

    private static Command NoopServer()
    {
        var urls = Text("--urls", "http://127.0.0.1:5099", "listen address");
        var command = new Command("noop-server", "A Kestrel endpoint that reads each POST and answers 202 (benchmark baseline)") { urls };
        command.SetAction((parse, cancellation) => Commands.NoopServerAsync(parse.GetRequiredValue(urls), cancellation));
        return command;
    }

    private static Command LoadCommand()
    {
        var url = Text("--url", DefaultWebhookUrl, "the gateway's address or webhook URL");
        url.Validators.Add(Url);
        var token = Token("load-token");
        var duration = Duration("--duration", TimeSpan.FromSeconds(20), "measured time");
        var warmup = Duration("--warmup", TimeSpan.FromSeconds(5), "time sent before measuring");
        var concurrency = Number("--concurrency", 32, 1, 4_096, "connections (closed loop) or requests in flight");
        var rate = Number("--rate", 0.0, 0, 10_000_000, "fixed rate in requests/s; 0: closed loop");
        var freshnessBootstrap = new Option<string>("--freshness-bootstrap") { Description = "also time each join to its output record, reading this Kafka" };
        var freshnessTopic = Text("--freshness-topic", TopicNames.Participants, "the topic the freshness probe reads");
        var command = new Command("load", "Benchmark load: distinct valid webhooks, closed loop or fixed rate; one JSON line of figures")
        {
            url, token, duration, warmup, concurrency, rate, freshnessBootstrap, freshnessTopic,
        };
        command.SetAction((parse, cancellation) =>
        {
            var options = new LoadOptions
            {
                Url = CommandOptions.WebhookUrl(parse.GetRequiredValue(url)),
                Token = parse.GetRequiredValue(token),
                Duration = parse.GetValue(duration),
                Warmup = parse.GetValue(warmup),
                Concurrency = parse.GetValue(concurrency),
                Rate = parse.GetValue(rate) > 0 ? parse.GetValue(rate) : null,
            };
            return Commands.LoadAsync(options, parse.GetValue(freshnessBootstrap), parse.GetRequiredValue(freshnessTopic), cancellation);
        });
        return command;
    }

    private static Command Prefill()
    {
        var generator = new GeneratorOptionSet();
        var bootstrap = Text("--bootstrap", DefaultBootstrap, "Kafka bootstrap servers");
        var topic = Text("--topic", TopicNames.Events, "the events topic");
        var limit = Number("--limit", int.MaxValue, 1, int.MaxValue, "at most this many events");
        var compression = Text("--compression", "none", "none, lz4 or zstd");
        compression.AcceptOnlyFromAmong("none", "lz4", "zstd");
        var command = new Command("prefill", "Write generated events straight to the events topic, in the gateway's stored form") { bootstrap, topic, limit, compression };
        generator.AddTo(command);
        command.SetAction((parse, cancellation) => Commands.PrefillAsync(
            GeneratorOptionSet.Read(parse), parse.GetRequiredValue(bootstrap), parse.GetRequiredValue(topic), parse.GetValue(limit), parse.GetRequiredValue(compression), cancellation));
        return command;
    }

    private static Command RawConsume()
    {
        var bootstrap = Text("--bootstrap", DefaultBootstrap, "Kafka bootstrap servers");
        var topic = Text("--topic", TopicNames.Events, "the events topic");
        var count = Number("--count", int.MaxValue, 1, int.MaxValue, "stop after this many records");
        var idle = Duration("--idle", TimeSpan.FromSeconds(10), "stop after this long without a record");
        var command = new Command("raw-consume", "Consume and parse the events topic as fast as possible (benchmark baseline)") { bootstrap, topic, count, idle };
        command.SetAction((parse, cancellation) =>
            Commands.RawConsumeAsync(parse.GetRequiredValue(bootstrap), parse.GetRequiredValue(topic), parse.GetValue(count), parse.GetValue(idle), cancellation));
        return command;
    }

    internal static Option<string> Text(string name, string defaultValue, string description) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>A number option with a default and an inclusive range.</summary>
    internal static Option<T> Number<T>(string name, T defaultValue, T min, T max, string description)
        where T : struct, System.Numerics.INumber<T>
    {
        var option = new Option<T>(name) { Description = $"{description} ({min} to {max})", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value < min || value > max) result.AddError($"{name} must be between {min} and {max}, got {value}");
        });
        return option;
    }

    /// <summary>A duration as people type it (<c>500ms</c>, <c>20s</c>, <c>10m</c>, <c>1h</c>) or as a .NET time span.</summary>
    internal static Option<TimeSpan> Duration(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = $"{description} (500ms, 20s, 10m, 1h)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (DurationText.TryParse(text, out var value)) return value;
            result.AddError($"{name} must be a duration such as 500ms, 20s, 10m or 1h, got '{text}'");
            return default;
        },
    };

    /// <summary><c>--token</c>, else <c>STREAMWORKER_TOKEN</c>, else <paramref name="fallback"/> (none: required).</summary>
    internal static Option<string> Token(string? fallback)
    {
        var option = new Option<string>("--token")
        {
            Description = WebhookHeaders.SigningToken + " (also from STREAMWORKER_TOKEN)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("STREAMWORKER_TOKEN") ?? fallback!,
        };
        option.Validators.Add(result =>
        {
            if (string.IsNullOrEmpty(result.GetValueOrDefault<string>())) result.AddError("--token (or STREAMWORKER_TOKEN) is required");
        });
        return option;
    }

    internal static void Url(OptionResult result)
    {
        if (result.GetValueOrDefault<string>() is { } text && !CommandOptions.IsHttpUrl(text)) result.AddError($"not an http(s) URL: '{text}'");
    }
}
