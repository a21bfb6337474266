using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamWorker.Telemetry;

namespace StreamWorker.Tests.Observability;

/// <summary>
/// The session and usage metrics as Prometheus scrapes them: a host wired like every role
/// (<see cref="TelemetryExtensions.AddStreamWorkerTelemetry"/>, <c>GET /metrics</c>) serves what the methods the
/// stages call have added, under the names, units, types and labels of docs/telemetry.md that the dashboards and
/// alerts select.
/// </summary>
[Trait("Layer", "Unit")]
[Trait("Category", "Observability")]
[Collection(ObservabilityGroup.Name)]
public sealed partial class ProcessorMetricsScrapeTests
{
    [Fact]
    public async Task SessionAndUsageMetrics_AreScrapedWithTheirDocumentedNamesTypesAndLabels()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.AddStreamWorkerTelemetry();
        await using var app = builder.Build();
        app.MapStreamWorkerMetrics();
        await app.StartAsync();
        using var telemetry = new ProcessorTelemetry(app.Services.GetRequiredService<IMeterFactory>(), TimeProvider.System);

        telemetry.SessionsChanged("0_0", 2);
        telemetry.SessionsChanged("0_1", 1);
        telemetry.SessionEnded("conference_end", participantSeconds: 5400, recordingSeconds: 600);
        telemetry.SessionEnded("timeout", participantSeconds: 30, recordingSeconds: 0);
        telemetry.EventUnattributed("stop_streaming", "no_session");
        telemetry.EventUnattributed("conference_end", "no_company");
        telemetry.AccessCodeReused();

        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var samples = Samples(text);

        Assert.Contains("# TYPE streamworker_sessions_open gauge", text, StringComparison.Ordinal);
        Assert.Equal(3, samples[("streamworker_sessions_open", "")]);
        Assert.Contains("# TYPE streamworker_sessions_ended_total counter", text, StringComparison.Ordinal);
        Assert.Equal(1, samples[("streamworker_sessions_ended_total", "reason=\"conference_end\"")]);
        Assert.Equal(1, samples[("streamworker_sessions_ended_total", "reason=\"timeout\"")]);
        Assert.Equal(5430, samples[("streamworker_sessions_participant_time_seconds_total", "")]);
        Assert.Equal(600, samples[("streamworker_sessions_recording_time_seconds_total", "")]);
        Assert.Equal(1, samples[("streamworker_processor_events_unattributed_total", "event_type=\"stop_streaming\",outcome=\"no_session\"")]);
        Assert.Equal(1, samples[("streamworker_processor_events_unattributed_total", "event_type=\"conference_end\",outcome=\"no_company\"")]);
        Assert.Equal(1, samples[("streamworker_access_code_reuses_total", "")]);
        Assert.Equal(
            ["streamworker_access_code_reuses_total", "streamworker_processor_events_unattributed_total", "streamworker_sessions_ended_total",
                "streamworker_sessions_open", "streamworker_sessions_participant_time_seconds_total", "streamworker_sessions_recording_time_seconds_total"],
            samples.Keys.Select(k => k.Name).Where(IsNew).Distinct().Order(StringComparer.Ordinal));

        await app.StopAsync();
    }

    private static bool IsNew(string name) =>
        name.StartsWith("streamworker_sessions_", StringComparison.Ordinal)
        || name.StartsWith("streamworker_access_code_", StringComparison.Ordinal)
        || name.StartsWith("streamworker_processor_events_unattributed", StringComparison.Ordinal);

    /// <summary>Sample lines by name and labels (sorted, the exporter's <c>otel_scope_*</c> labels left out).</summary>
    private static Dictionary<(string Name, string Labels), double> Samples(string text)
    {
        var samples = new Dictionary<(string Name, string Labels), double>();
        foreach (Match match in SampleLine().Matches(text))
        {
            var labels = Label().Matches(match.Groups["labels"].Value)
                .Select(l => l.Value)
                .Where(l => !l.StartsWith("otel_scope_", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);
            samples[(match.Groups["name"].Value, string.Join(',', labels))] = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return samples;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( \d+)?\r?$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*""")]
    private static partial Regex Label();
}
