namespace StreamWorker.Deploy.Tests;

[Trait("Layer", "Integration")]
public sealed class PrometheusConfigTests
{
    [SkippableFact]
    public void ComposePrometheusConfig_PassesPromtoolCheck()
    {
        var promtool = ExternalTool.FindOnPath("promtool");
        Skip.If(promtool is null, "promtool is not installed (Debian package prometheus): deploy/prometheus/prometheus.yml not checked");

        var result = ExternalTool.Run(promtool!, ["check", "config", "deploy/prometheus/prometheus.yml"]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }
}
