namespace StreamWorker.Deploy.Tests;

/// <summary>
/// Every dashboard query, run by a real Prometheus against a synthetic
/// /metrics that holds each catalogued metric with its documented attributes:
/// the queries' label filters, aggregations, quantiles and ratios return data.
/// The same check against a running StreamWorker belongs with the metrics code.
/// </summary>
[Trait("Layer", "Integration")]
[Trait("Category", "Observability")]
public sealed class DashboardQueriesReturnDataTests
{
    [SkippableFact]
    public async Task EveryDashboardQuery_ReturnsAtLeastOneSeries()
    {
        var binary = PrometheusServer.FindBinary();
        Skip.If(binary is null, "prometheus is not installed (Debian package prometheus): dashboard queries not run");
        using var endpoint = new SyntheticMetricsEndpoint();
        using var prometheus = PrometheusServer.Start(binary!, new Dictionary<string, string> { ["streamworker-all"] = endpoint.Target });

        await prometheus.WaitForScrapesAsync(targets: 1, samples: 3, TimeSpan.FromSeconds(60));

        var empty = new List<string>();
        foreach (var dashboard in GrafanaDashboard.FileNames().Select(GrafanaDashboard.Load))
        {
            foreach (var expression in dashboard.Expressions().Concat(dashboard.VariableSeriesSelectors()))
            {
                var series = await prometheus.QueryAsync(GrafanaVariables.Substitute(expression));
                if (series.Count == 0)
                {
                    empty.Add($"{dashboard.FileName}: {expression}");
                }
            }
        }

        Assert.True(empty.Count == 0, "queries without data:\n" + string.Join("\n", empty));
    }

    [Fact]
    public void SyntheticMetrics_HoldEveryCataloguedMetric()
    {
        var catalogue = TelemetryCatalogue.Load();
        var fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "synthetic-metrics.prom"));

        var missing = catalogue.PlainNames.Where(name => !fixture.Contains("\n" + name, StringComparison.Ordinal))
            .Concat(catalogue.HistogramNames.Where(name => !fixture.Contains("\n" + name + "_bucket{", StringComparison.Ordinal)))
            .ToList();

        Assert.True(missing.Count == 0, "add to Fixtures/synthetic-metrics.prom: " + string.Join(", ", missing));
    }

    [Fact]
    public void Render_MultipliesCountersAndHistogramsButNotGauges()
    {
        const string Template = "a_total{x=\"1\"} 2\nb_bucket{le=\"+Inf\"} 3\nc_gauge 4\n";

        Assert.Equal("a_total{x=\"1\"} 6\nb_bucket{le=\"+Inf\"} 9\nc_gauge 4\n", SyntheticMetricsEndpoint.Render(Template, 3));
    }
}
