using System.CommandLine;
using StreamWorker.Simulator.Replay;
using static StreamWorker.Simulator.Cli.SimulatorCommandLine;

namespace StreamWorker.Simulator.Cli;

/// <summary>How replay sends: shared by replay and run.</summary>
internal sealed class ReplayOptionSet
{
    private readonly Option<string> url = Text("--url", DefaultWebhookUrl, "the gateway's address or webhook URL");
    private readonly Option<string> token = Token(fallback: null);
    private readonly Option<double> rate = Number("--rate", 500.0, 0, 10_000_000, "deliveries per second; 0: as fast as possible");
    private readonly Option<string> pace = Text("--pace", "rate", "rate (fixed rate) or realtime (the deliveries' own send offsets)");
    private readonly Option<int> concurrency = Number("--concurrency", 16, 1, 4_096, "requests in flight");
    private readonly Option<int> maxAttempts = Number("--max-attempts", 6, 1, 100, "attempts per delivery (429, 502, 503, 504 and connection errors are retried)");

    public ReplayOptionSet()
    {
        url.Validators.Add(Url);
        pace.AcceptOnlyFromAmong("rate", "realtime");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { url, token, rate, pace, concurrency, maxAttempts }) command.Options.Add(option);
    }

    public ReplayOptions Read(ParseResult parse) => new()
    {
        Url = CommandOptions.WebhookUrl(parse.GetRequiredValue(url)),
        Token = parse.GetRequiredValue(token),
        Rate = parse.GetValue(rate),
        Pacing = parse.GetValue(pace) == "realtime" ? ReplayPacing.RealTime : ReplayPacing.FixedRate,
        Concurrency = parse.GetValue(concurrency),
        MaxAttempts = parse.GetValue(maxAttempts),
    };
}
