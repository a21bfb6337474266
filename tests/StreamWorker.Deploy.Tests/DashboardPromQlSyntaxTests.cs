using System.Text;

namespace StreamWorker.Deploy.Tests;

/// <summary>
/// Parses every dashboard expression with Prometheus' own parser: `promtool
/// check rules` on a rule file holding them as recording rules, with the
/// Grafana variables replaced by the values Grafana would put in.
/// </summary>
public sealed class DashboardPromQlSyntaxTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("streamworker-promql-").FullName;

    [Trait("Layer", "Integration")]
    [SkippableFact]
    public void EveryDashboardExpression_IsValidPromQl()
    {
        var promtool = ExternalTool.RequireOnPath("promtool", "prometheus", "PromQL syntax not checked");

        var expressions = GrafanaDashboard.FileNames()
            .SelectMany(name => GrafanaDashboard.Load(name).Expressions().Concat(GrafanaDashboard.Load(name).VariableSeriesSelectors()))
            .ToList();
        var rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (var index = 0; index < expressions.Count; index++)
        {
            var expression = GrafanaVariables.Substitute(expressions[index]).Replace("'", "''", StringComparison.Ordinal);
            rules.Append(FormattableString.Invariant($"      - record: dashboard_expression_{index}\n        expr: '{expression}'\n"));
        }

        var ruleFile = Path.Combine(_workDirectory, "dashboards.rules.yml");
        File.WriteAllText(ruleFile, rules.ToString());

        var result = ExternalTool.Run(promtool, ["check", "rules", ruleFile]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"SUCCESS: {expressions.Count} rules found", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
