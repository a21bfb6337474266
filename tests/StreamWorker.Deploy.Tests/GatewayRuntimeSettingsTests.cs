namespace StreamWorker.Deploy.Tests;

/// <summary>
/// The gateway's runtime settings (workstation GC, two glibc malloc arenas: BENCHMARKS.md, "Memory") are set where
/// the gateway is deployed and where it is benchmarked, the same everywhere, and only for the gateway: the image keeps
/// .NET's server GC and glibc's arenas for the other roles.
/// </summary>
[Trait("Layer", "Unit")]
public sealed class GatewayRuntimeSettingsTests
{
    [Fact]
    public void ChartDefaults_RunTheGatewayWithWorkstationGcAndTwoMallocArenas()
    {
        var gateway = ChartValues.Defaults()["gateway"]!;

        Assert.False(gateway["serverGC"]!.GetValue<bool>());
        Assert.Equal(2, gateway["mallocArenaMax"]!.GetValue<long>());
    }

    [Fact]
    public void GatewayDeployment_SetsThemFromValues_AndTheProcessorDoesNot()
    {
        var gateway = HelmTemplateActions.Read("gateway-deployment.yaml");
        var processor = HelmTemplateActions.Read("processor-workload.yaml");

        Assert.Contains(
            "- name: DOTNET_gcServer\n              value: {{ ternary \"1\" \"0\" .Values.gateway.serverGC | quote }}",
            gateway,
            StringComparison.Ordinal);
        Assert.Contains(
            "{{- if .Values.gateway.mallocArenaMax }}\n            - name: MALLOC_ARENA_MAX\n              value: {{ .Values.gateway.mallocArenaMax | quote }}",
            gateway,
            StringComparison.Ordinal);
        Assert.DoesNotContain("DOTNET_gcServer", processor, StringComparison.Ordinal);
        Assert.DoesNotContain("MALLOC_ARENA_MAX", processor, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeAndBenchmark_RunTheGatewayWithTheChartDefaults()
    {
        var gateway = ChartValues.Defaults()["gateway"]!;
        var gcServer = gateway["serverGC"]!.GetValue<bool>() ? "1" : "0";
        var arenas = gateway["mallocArenaMax"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(gcServer, ComposeFile.Environment("gateway", "DOTNET_gcServer"));
        Assert.Equal(arenas, ComposeFile.Environment("gateway", "MALLOC_ARENA_MAX"));
        Assert.Null(ComposeFile.Environment("processor", "DOTNET_gcServer"));
        Assert.Null(ComposeFile.Environment("processor", "MALLOC_ARENA_MAX"));
        // The setting the benchmark measures is the one the chart ships.
        Assert.Contains(
            $"gateway_runtime_env=(DOTNET_gcServer={gcServer} MALLOC_ARENA_MAX={arenas})",
            RepositoryPaths.ReadText("bench", "bench.sh"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Image_KeepsTheRuntimeDefaultsForEveryRole()
    {
        var dockerfile = RepositoryPaths.ReadText("Dockerfile");
        var env = dockerfile[dockerfile.IndexOf("\nENV ", StringComparison.Ordinal)..dockerfile.IndexOf("\nUSER ", StringComparison.Ordinal)];

        // Role=all by default: a gateway-only setting in the image would also apply to the processor.
        Assert.DoesNotContain("DOTNET_gcServer", env, StringComparison.Ordinal);
        Assert.DoesNotContain("MALLOC_ARENA_MAX", env, StringComparison.Ordinal);
        Assert.Contains("Role=all", env, StringComparison.Ordinal);
    }
}
