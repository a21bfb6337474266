namespace StreamWorker.Deploy.Tests;

/// <summary>yamllint (settings in .yamllint) on the chart values, compose and provisioning files.</summary>
[Trait("Layer", "Integration")]
public sealed class YamllintTests
{
    [SkippableFact]
    public void ChartValuesComposeAndDeployFiles_PassYamllint()
    {
        var yamllint = ExternalTool.RequireOnPath("yamllint", "yamllint", "YAML files not linted");

        var result = ExternalTool.Run(
            yamllint,
            ["--strict", "--format", "parsable", "-c", ".yamllint", "charts/stream-worker/values.yaml", "charts/stream-worker/ci", "charts/stream-worker/Chart.yaml", "docker-compose.yml", "deploy"]);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [SkippableFact]
    public void Yamllint_ReportsAProblemInABrokenFile()
    {
        var yamllint = ExternalTool.RequireOnPath("yamllint", "yamllint");
        var broken = Path.Combine(Path.GetTempPath(), $"streamworker-broken-{Guid.NewGuid():N}.yml");
        File.WriteAllText(broken, "key: value\nkey: duplicate\n");
        try
        {
            // Guards the check above: the configuration must not silence real errors.
            var result = ExternalTool.Run(yamllint, ["--format", "parsable", "-c", ".yamllint", broken]);

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("key-duplicates", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
