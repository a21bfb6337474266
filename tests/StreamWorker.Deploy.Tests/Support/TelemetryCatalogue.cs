using System.Text.RegularExpressions;


namespace StreamWorker.Deploy.Tests.Support;

/// <summary>
/// The Prometheus metric names of docs/telemetry.md, plus the names of the
/// standard instrumentation StreamWorker enables (ASP.NET Core, .NET runtime,
/// process) and Prometheus' own per-target series.
/// </summary>
internal sealed partial class TelemetryCatalogue
{
    /// <summary>Name prefixes of ASP.NET Core, Kestrel, runtime and process instrumentation.</summary>
    private static readonly string[] StandardPrefixes =
        ["http_server_", "kestrel_", "aspnetcore_", "dotnet_", "process_"];

    /// <summary>Series Prometheus adds to every target, and the exporter's resource series.</summary>
    private static readonly string[] PrometheusSeries = ["up", "scrape_duration_seconds", "scrape_samples_scraped", "target_info"];

    private static readonly string[] HistogramSuffixes = ["_bucket", "_count", "_sum"];

    private TelemetryCatalogue(IReadOnlySet<string> plainNames, IReadOnlySet<string> histogramNames)
    {
        PlainNames = plainNames;
        HistogramNames = histogramNames;
    }

    /// <summary>Counters and gauges, exactly as scraped.</summary>
    public IReadOnlySet<string> PlainNames { get; }

    /// <summary>Histogram base names (without _bucket, _count, _sum).</summary>
    public IReadOnlySet<string> HistogramNames { get; }

    public static TelemetryCatalogue Load()
    {
        var plain = new HashSet<string>(StringComparer.Ordinal);
        var histograms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepositoryPaths.File("docs", "telemetry.md")))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 6)
            {
                continue;
            }

            // Column 4 (after the leading empty cell) is the Prometheus name in back-ticks.
            var match = BacktickName().Match(cells[4]);
            if (!match.Success)
            {
                continue;
            }

            var name = match.Groups["name"].Value;
            if (match.Groups["wildcard"].Success)
            {
                histograms.Add(name);
            }
            else
            {
                plain.Add(name);
            }
        }

        return new TelemetryCatalogue(plain, histograms);
    }

    /// <summary>Every catalogue name as a dashboard may select it (histograms by their _count).</summary>
    public IEnumerable<string> AllBaseNames => PlainNames.Concat(HistogramNames);

    public bool IsCatalogued(string metricName) =>
        PlainNames.Contains(metricName)
        || HistogramSuffixes.Any(suffix => metricName.EndsWith(suffix, StringComparison.Ordinal)
            && HistogramNames.Contains(metricName[..^suffix.Length]));

    public bool IsKnown(string metricName) =>
        IsCatalogued(metricName)
        || PrometheusSeries.Contains(metricName)
        || StandardPrefixes.Any(prefix => metricName.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex(@"^`(?<name>[a-z_:][a-z0-9_:]*?)(?<wildcard>_\*)?`$")]
    private static partial Regex BacktickName();
}
