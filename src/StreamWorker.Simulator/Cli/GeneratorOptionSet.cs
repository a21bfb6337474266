using System.CommandLine;
using System.Globalization;
using StreamWorker.Simulator.Generation;
using static StreamWorker.Simulator.Cli.SimulatorCommandLine;

namespace StreamWorker.Simulator.Cli;

/// <summary>The traffic generator's options, shared by generate, run and prefill.</summary>
internal sealed class GeneratorOptionSet
{
    private readonly Option<int> companies = Number("--companies", 10, 1, 100_000, "companies");
    private readonly Option<int> conferences = Number("--conferences", 100, 1, 10_000_000, "conferences");
    private readonly Option<TimeSpan> duration = Duration("--duration", TimeSpan.FromMinutes(10), "event time the traffic spans");
    private readonly Option<int> viewers = Number("--viewers", 0, 0, 10_000_000, "one large conference with this many livestream viewers over --duration");
    private readonly Option<int> participants = Number("--participants", 0, 0, 10_000_000, "and this many participants");
    private readonly Option<int> seed = Number("--seed", 1, int.MinValue, int.MaxValue, "random seed");
    private readonly ShareOptions shares = new(late: 0);
    private readonly Option<DateTimeOffset> start = new("--start")
    {
        Description = "event time of the start: ISO 8601 or 'now' (default 2026-01-01T00:00:00Z)",
        DefaultValueFactory = _ => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (string.Equals(text, "now", StringComparison.OrdinalIgnoreCase)) return DateTimeOffset.UtcNow;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)) return value;
            result.AddError($"--start must be an ISO 8601 time or 'now', got '{text}'");
            return default;
        },
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { companies, conferences, duration, viewers, participants, seed, start }) command.Options.Add(option);
        shares.AddTo(command);
    }

    /// <summary>The generator options of a parsed command that has them (generate, run, prefill).</summary>
    public static GeneratorOptions Read(ParseResult parse) => ShareOptions.Read(parse, new GeneratorOptions
    {
        Companies = parse.GetValue<int>("--companies"),
        Conferences = parse.GetValue<int>("--conferences"),
        Duration = parse.GetValue<TimeSpan>("--duration"),
        LargeConferenceViewers = parse.GetValue<int>("--viewers"),
        LargeConferenceParticipants = parse.GetValue<int>("--participants"),
        Seed = parse.GetValue<int>("--seed"),
        Start = parse.GetValue<DateTimeOffset>("--start"),
    });
}
