using System.CommandLine;
using StreamWorker.Simulator.Cli;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Unit")]
public class CommandLineTests
{
    [Fact]
    public void Generator_FromTheDocumentedCommandLine_ReadsEveryOption()
    {
        var options = Generator(["--companies", "5", "--conferences", "50", "--duration", "10m", "--seed", "9",
            "--duplicates", "0.1", "--out-of-order=0.2", "--late", "0.01", "--unknown", "0.002", "--start", "2026-02-01T10:00:00Z"]);

        Assert.Equal((5, 50, TimeSpan.FromMinutes(10), 9), (options.Companies, options.Conferences, options.Duration, options.Seed));
        Assert.Equal((0.1, 0.2, 0.01, 0.002), (options.DuplicateShare, options.OutOfOrderShare, options.LateShare, options.UnknownShare));
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), options.Start);
    }

    [Fact]
    public void MisspelledOption_IsAParseError_NamingIt()
    {
        var parse = SimulatorCommandLine.Build().Parse(["generate", "--conferencs", "5"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--conferencs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("20s", 20_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:30", 30_000)]
    public void Duration_CommonSpellings_Parse(string text, double milliseconds) =>
        Assert.Equal(milliseconds, Generator(["--duration", text]).Duration!.Value.TotalMilliseconds);

    [Fact]
    public void Duration_NotADuration_IsAParseError()
    {
        var parse = SimulatorCommandLine.Build().Parse(["generate", "--duration", "soon"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--duration", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/webhooks")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/webhooks")]
    [InlineData("http://127.0.0.1:5099/webhooks", "http://127.0.0.1:5099/webhooks")]
    public void WebhookUrl_BaseOrFullAddress_PointsAtWebhooks(string text, string expected) =>
        Assert.Equal(new Uri(expected), CommandOptions.WebhookUrl(text));

    [Theory]
    [InlineData("--duplicates", "1.5")]
    [InlineData("--companies", "0")]
    public void OutOfRangeValue_IsAParseError_NamingTheOption(string option, string value)
    {
        var parse = SimulatorCommandLine.Build().Parse(["generate", option, value]);

        Assert.Contains(parse.Errors, e => e.Message.Contains(option, StringComparison.Ordinal));
    }

    [Fact]
    public void Replay_WithoutAToken_IsAParseError()
    {
        Environment.SetEnvironmentVariable("STREAMWORKER_TOKEN", null);
        var parse = SimulatorCommandLine.Build().Parse(["replay", "--file", "deliveries.ndjson"]);

        Assert.Contains(parse.Errors, e => e.Message.Contains("--token", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryCommand_HasHelp()
    {
        foreach (var command in SimulatorCommandLine.Build().Subcommands)
        {
            var output = new StringWriter();
            var exit = command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = output });

            Assert.Equal(0, exit);
            Assert.Contains("--", output.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>The generator options <c>generate</c> reads from <paramref name="arguments"/>.</summary>
    private static GeneratorOptions Generator(string[] arguments)
    {
        var parse = SimulatorCommandLine.Build().Parse(["generate", .. arguments]);
        Assert.Empty(parse.Errors);
        return GeneratorOptionSet.Read(parse);
    }
}
