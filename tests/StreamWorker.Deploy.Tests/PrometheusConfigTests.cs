namespace StreamWorker.Deploy.Tests;

[Trait("Layer", "Integration")]
public sealed class PrometheusConfigTests
{
    [SkippableFact]
    public void ComposePrometheusConfig_PassesPromtoolCheck()
    {
        var promtool = ExternalTool.RequireOnPath("promtool", "prometheus", "deploy/prometheus/prometheus.yml not checked");

        var result = ExternalTool.Run(promtool, ["check", "config", "deploy/prometheus/prometheus.yml"]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }
}
