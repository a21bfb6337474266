using StreamWorker.Simulator.Generation;
using StreamWorker.Simulator.Replay;

namespace StreamWorker.Simulator.Cli;

/// <summary>Options shared by several commands, read from the command line.</summary>
internal static class CommandOptions
{
    public static GeneratorOptions Generator(CommandLineArgs args) => new()
    {
        Companies = args.Int("companies", 10, min: 1, max: 100_000),
        Conferences = args.Int("conferences", 100, min: 1, max: 10_000_000),
        Duration = args.Duration("duration", TimeSpan.FromMinutes(10)),
        LargeConferenceViewers = args.Int("viewers", 0, min: 0, max: 10_000_000),
        LargeConferenceParticipants = args.Int("participants", 0, min: 0, max: 10_000_000),
        Seed = args.Int("seed", 1),
        DuplicateShare = args.Double("duplicates", 0.05, 0, 1),
        OutOfOrderShare = args.Double("out-of-order", 0.05, 0, 1),
        LateShare = args.Double("late", 0, 0, 1),
        UnknownShare = args.Double("unknown", 0.001, 0, 1),
        InvalidShare = args.Double("invalid", 0, 0, 1),
        Start = args.Time("start", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    };

    public static ReplayOptions Replay(CommandLineArgs args, string defaultUrl = "http://127.0.0.1:8080/webhooks") => new()
    {
        Url = WebhookUrl(args.String("url", defaultUrl)),
        Token = args.OptionalString("token") ?? Environment.GetEnvironmentVariable("STREAMWORKER_TOKEN")
            ?? throw new UsageException("--token (or STREAMWORKER_TOKEN) is required"),
        Rate = args.Double("rate", 500, 0, 10_000_000),
        Pacing = args.String("pace", "rate") switch
        {
            "rate" => ReplayPacing.FixedRate,
            "realtime" => ReplayPacing.RealTime,
            var other => throw new UsageException($"--pace must be 'rate' or 'realtime', got '{other}'"),
        },
        Concurrency = args.Int("concurrency", 16, min: 1, max: 4_096),
        MaxAttempts = args.Int("max-attempts", 6, min: 1, max: 100),
    };

    /// <summary>Accepts the gateway's base address or the full webhook URL.</summary>
    public static Uri WebhookUrl(string text)
    {
        var url = Absolute(text);
        return url.AbsolutePath is "/" or "" ? new Uri(url, "/webhooks") : url;
    }

    /// <summary>Accepts the gateway's base address or the full webhook URL.</summary>
    public static Uri BaseUrl(string text) => new(Absolute(text), "/");

    private static Uri Absolute(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new UsageException($"not an http(s) URL: '{text}'");
}
