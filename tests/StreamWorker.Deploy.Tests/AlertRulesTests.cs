using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StreamWorker.Deploy.Tests;

/// <summary>
/// deploy/prometheus/alerts.yml: valid for Prometheus, each alert fires and stays quiet when it should
/// (alerts.test.yml), uses only metrics StreamWorker exports, links to an existing runbook section, and the
/// chart ships the same rules.
/// </summary>
public sealed partial class AlertRulesTests
{
    private const string RulesFile = "deploy/prometheus/alerts.yml";

    [Trait("Layer", "Integration")]
    [SkippableFact]
    public void AlertRules_PassPromtoolUnitTests_OneFiringAndOneQuietCaseEach()
    {
        var promtool = ExternalTool.RequireOnPath("promtool", "prometheus", "alert rules not tested");

        var check = ExternalTool.Run(promtool, ["check", "rules", RulesFile]);
        var test = ExternalTool.Run(promtool, ["test", "rules", "deploy/prometheus/alerts.test.yml"]);

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("SUCCESS", test.Output, StringComparison.Ordinal);
    }

    [Trait("Layer", "Unit")]
    [Fact]
    public void UnitTests_HaveAFiringAndAQuietCaseForEveryAlert()
    {
        var cases = YamlJson.ParseFile("deploy", "prometheus", "alerts.test.yml")!["tests"]!.AsArray()
            .SelectMany(t => t!["alert_rule_test"]!.AsArray())
            .Select(c => (Alert: c!["alertname"]!.GetValue<string>(), Fires: c["exp_alerts"]!.AsArray().Count > 0))
            .ToList();

        foreach (var alert in Alerts().Select(a => a["alert"]!.GetValue<string>()))
        {
            Assert.True(cases.Contains((alert, true)), alert + " has no firing case");
            Assert.True(cases.Contains((alert, false)), alert + " has no quiet case");
        }
    }

    [Trait("Layer", "Unit")]
    [Fact]
    public void EveryAlert_LinksToItsRunbookSectionInOperationsDoc()
    {
        var headings = File.ReadLines(RepositoryPaths.File("docs", "operations.md"))
            .Where(line => line.StartsWith('#'))
            .Select(line => Anchor(line.TrimStart('#').Trim()))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var alert in Alerts())
        {
            var name = alert["alert"]!.GetValue<string>();
            var runbook = alert["annotations"]?["runbook_url"]?.GetValue<string>() ?? string.Empty;
            Assert.True(runbook.StartsWith("docs/operations.md#", StringComparison.Ordinal), name + ": runbook_url " + runbook);
            Assert.True(headings.Contains(runbook["docs/operations.md#".Length..]), name + ": docs/operations.md has no section #" + runbook["docs/operations.md#".Length..]);
        }
    }

    [Trait("Layer", "Unit")]
    [Fact]
    public void EveryAlert_UsesOnlyMetricsStreamWorkerExports()
    {
        var catalogue = TelemetryCatalogue.Load();

        foreach (var alert in Alerts())
        {
            var expression = alert["expr"]!.GetValue<string>();
            var unknown = PromQlMetricNames.Extract(expression).Where(name => name != "up" && !catalogue.IsCatalogued(name)).ToList();
            Assert.True(unknown.Count == 0, $"{alert["alert"]}: not in docs/telemetry.md: {string.Join(", ", unknown)}");
        }
    }

    [Trait("Layer", "Unit")]
    [Fact]
    public void Chart_ShipsTheSameRules_AsAPrometheusRuleBehindItsValue()
    {
        Assert.Equal(
            RepositoryPaths.ReadText("deploy", "prometheus", "alerts.yml"),
            RepositoryPaths.ReadText(ChartValues.ChartFolder, "files", "alerts.yml"));
        var template = RepositoryPaths.ReadText(ChartValues.ChartFolder, "templates", "prometheusrule.yaml");
        Assert.StartsWith("{{- if .Values.metrics.prometheusRule.enabled }}", template, StringComparison.Ordinal);
        Assert.Contains("kind: PrometheusRule", template, StringComparison.Ordinal);
        Assert.Contains(".Files.Get \"files/alerts.yml\"", template, StringComparison.Ordinal);
        Assert.False(ChartValues.Defaults()!["metrics"]!["prometheusRule"]!["enabled"]!.GetValue<bool>());
    }

    [Trait("Layer", "Unit")]
    [Fact]
    public void ComposePrometheus_LoadsTheAlertRules()
    {
        var config = YamlJson.ParseFile("deploy", "prometheus", "prometheus.yml")!;
        var compose = RepositoryPaths.ReadText("docker-compose.yml");

        Assert.Contains("alerts.yml", config["rule_files"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains("./deploy/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro", compose, StringComparison.Ordinal);
    }

    private static List<JsonNode> Alerts() =>
        YamlJson.ParseFile("deploy", "prometheus", "alerts.yml")!["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => r!)
            .Where(r => r["alert"] is not null)
            .ToList();

    /// <summary>The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static string Anchor(string heading) =>
        NotAnchorCharacter().Replace(heading.ToLowerInvariant(), string.Empty).Replace(' ', '-');

    [GeneratedRegex("[^a-z0-9 _-]")]
    private static partial Regex NotAnchorCharacter();
}
