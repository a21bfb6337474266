using StreamWorker.Simulator.Cli;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Unit")]
public class CommandLineTests
{
    [Fact]
    public void Generator_FromTheDocumentedCommandLine_ReadsEveryOption()
    {
        var args = CommandLineArgs.Parse(["generate", "--companies", "5", "--conferences", "50", "--duration", "10m", "--seed", "9",
            "--duplicates", "0.1", "--out-of-order=0.2", "--late", "0.01", "--unknown", "0.002", "--start", "2026-02-01T10:00:00Z"]);

        var options = CommandOptions.Generator(args);
        args.RejectUnknown();

        Assert.Equal((5, 50, TimeSpan.FromMinutes(10), 9), (options.Companies, options.Conferences, options.Duration, options.Seed));
        Assert.Equal((0.1, 0.2, 0.01, 0.002), (options.DuplicateShare, options.OutOfOrderShare, options.LateShare, options.UnknownShare));
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), options.Start);
    }

    [Fact]
    public void RejectUnknown_MisspelledOption_FailsNamingIt()
    {
        var args = CommandLineArgs.Parse(["generate", "--conferencs", "5"]);
        CommandOptions.Generator(args);

        var error = Assert.Throws<UsageException>(args.RejectUnknown);
        Assert.Contains("--conferencs", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("20s", 20_000)]
    [InlineData("10m", 600_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:30", 30_000)]
    public void Duration_CommonSpellings_Parse(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(milliseconds, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/webhooks")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/webhooks")]
    [InlineData("http://127.0.0.1:5099/webhooks", "http://127.0.0.1:5099/webhooks")]
    public void WebhookUrl_BaseOrFullAddress_PointsAtWebhooks(string text, string expected) =>
        Assert.Equal(new Uri(expected), CommandOptions.WebhookUrl(text));

    [Fact]
    public void Parse_OutOfRangeShare_IsAUsageError()
    {
        var args = CommandLineArgs.Parse(["generate", "--duplicates", "1.5"]);

        Assert.Throws<UsageException>(() => CommandOptions.Generator(args));
    }
}
