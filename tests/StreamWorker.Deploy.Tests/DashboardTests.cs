using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StreamWorker.Deploy.Tests;

[Trait("Layer", "Unit")]
public sealed partial class DashboardTests
{
    private const string DatasourceReference = "${datasource}";

    public static TheoryData<string> Dashboards() => [.. GrafanaDashboard.FileNames()];

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_HasStableUidTitleAndNoFixedId(string fileName)
    {
        var dashboard = GrafanaDashboard.Load(fileName);

        // A fixed uid keeps links and provisioning stable; Grafana assigns the numeric id itself.
        Assert.Matches(StableUid(), dashboard.Uid ?? string.Empty);
        Assert.False(string.IsNullOrWhiteSpace(dashboard.Root["title"]?.GetValue<string>()));
        Assert.True(dashboard.Root["id"] is null, $"{fileName} must not pin a numeric id");
    }

    [Fact]
    public void Dashboards_HaveDistinctUids()
    {
        var uids = GrafanaDashboard.FileNames().Select(name => GrafanaDashboard.Load(name).Uid).ToList();

        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_DeclaresDatasourceJobAndInstanceVariables(string fileName)
    {
        var dashboard = GrafanaDashboard.Load(fileName);

        var datasource = dashboard.Variable("datasource");
        Assert.NotNull(datasource);
        Assert.Equal("datasource", datasource["type"]?.GetValue<string>());
        Assert.Equal("prometheus", datasource["query"]?.GetValue<string>());
        foreach (var name in new[] { "job", "instance" })
        {
            var variable = dashboard.Variable(name);
            Assert.NotNull(variable);
            Assert.Equal("query", variable["type"]?.GetValue<string>());
            Assert.Equal(DatasourceReference, variable["datasource"]?["uid"]?.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryPanelAndQuery_UsesTheDatasourceVariable(string fileName)
    {
        var dashboard = GrafanaDashboard.Load(fileName);
        var panels = dashboard.Panels().ToList();

        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            var title = panel["title"]?.GetValue<string>();
            AssertDatasourceVariable(panel["datasource"], $"panel '{title}'");
            var targets = (panel["targets"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            foreach (var target in targets)
            {
                AssertDatasourceVariable(target["datasource"], $"a query of panel '{title}'");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryQuery_SelectsOnlyCataloguedOrStandardMetrics(string fileName)
    {
        var catalogue = TelemetryCatalogue.Load();
        var dashboard = GrafanaDashboard.Load(fileName);

        foreach (var expression in dashboard.Expressions().Concat(dashboard.VariableSeriesSelectors()))
        {
            var names = PromQlMetricNames.Extract(expression);
            Assert.True(names.Count > 0, $"no metric found in: {expression}");
            var unknown = names.Where(name => !catalogue.IsKnown(name)).ToList();
            Assert.True(unknown.Count == 0, $"{fileName}: {string.Join(", ", unknown)} not in docs/telemetry.md nor standard instrumentation: {expression}");
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void EveryQuery_FiltersByJobAndInstance(string fileName)
    {
        var dashboard = GrafanaDashboard.Load(fileName);

        foreach (var expression in dashboard.Expressions())
        {
            // Each selector of the expression carries both variables.
            var selectors = LabelSelector().Matches(expression).Select(match => match.Value).ToList();
            Assert.NotEmpty(selectors);
            Assert.All(selectors, selector =>
            {
                Assert.Contains("job=~\"$job\"", selector, StringComparison.Ordinal);
                Assert.Contains("instance=~\"$instance\"", selector, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public void Dashboards_TogetherShowEveryCataloguedMetric()
    {
        var catalogue = TelemetryCatalogue.Load();
        var used = GrafanaDashboard.FileNames()
            .SelectMany(name => GrafanaDashboard.Load(name).Expressions())
            .SelectMany(PromQlMetricNames.Extract)
            .ToHashSet(StringComparer.Ordinal);

        var missing = catalogue.PlainNames
            .Where(name => !used.Contains(name))
            .Concat(catalogue.HistogramNames.Where(name => !used.Contains(name + "_bucket") && !used.Contains(name + "_count")))
            .ToList();

        Assert.True(catalogue.PlainNames.Count + catalogue.HistogramNames.Count >= 10, "docs/telemetry.md catalogue not found or not parsed");
        Assert.True(missing.Count == 0, "not on any dashboard: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("streamworker-gateway")]
    [InlineData("streamworker-processor")]
    [InlineData("streamworker-stream-worker-gateway")]
    [InlineData("prod-stream-worker-processor")]
    public void JobVariable_MatchesComposeJobsAndChartServiceNames(string job)
    {
        // Compose scrapes jobs streamworker-<role>; the chart's ServiceMonitor uses the Service name, <release>-stream-worker-<role>.
        foreach (var fileName in GrafanaDashboard.FileNames())
        {
            var variable = GrafanaDashboard.Load(fileName).Variable("job")!;
            var selector = variable["query"]!["query"]!.GetValue<string>();
            var jobPattern = JobMatcher().Match(selector).Groups["pattern"].Value;

            Assert.Matches($"^(?:{jobPattern})$", job);
            Assert.Matches($"^(?:{variable["allValue"]!.GetValue<string>()})$", job);
        }
    }

    [Fact]
    public void Analytics_DerivesAnswerRateFromDialoutOutcomes()
    {
        var expressions = GrafanaDashboard.Load("analytics.json").Expressions().ToList();

        // answered / (answered + rejected + noanswer + cancelled), as docs/aggregates.md defines answer_rate.
        Assert.Contains(expressions, expression =>
            expression.Contains("streamworker_dialout_outcomes_total", StringComparison.Ordinal)
            && expression.Contains("outcome=\"answered\"", StringComparison.Ordinal)
            && expression.Contains("outcome=~\"answered|rejected|noanswer|cancelled\"", StringComparison.Ordinal)
            && expression.Contains(" / ", StringComparison.Ordinal));
    }

    [Fact]
    public void PipelineHealth_ShowsP50AndP99OfRequestAndProduceLatency()
    {
        var expressions = GrafanaDashboard.Load("pipeline-health.json").Expressions().ToList();

        foreach (var histogram in new[] { "http_server_request_duration_seconds_bucket", "messaging_client_operation_duration_seconds_bucket" })
        {
            foreach (var quantile in new[] { "0.5", "0.99" })
            {
                Assert.Contains(expressions, expression =>
                    expression.StartsWith($"histogram_quantile({quantile},", StringComparison.Ordinal)
                    && expression.Contains(histogram, StringComparison.Ordinal));
            }
        }
    }

    private static void AssertDatasourceVariable(JsonNode? datasource, string where)
    {
        Assert.True(datasource is JsonObject, $"{where} has no datasource");
        Assert.Equal("prometheus", datasource["type"]?.GetValue<string>());
        Assert.Equal(DatasourceReference, datasource["uid"]?.GetValue<string>());
    }

    [GeneratedRegex("^streamworker-[a-z0-9-]{1,27}$")]
    private static partial Regex StableUid();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelSelector();

    [GeneratedRegex("job=~\"(?<pattern>[^\"]+)\"")]
    private static partial Regex JobMatcher();
}
