using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StreamWorker.Deploy.Tests;

/// <summary>
/// Static checks of the Helm templates. helm is not installed on these
/// machines (make helm-lint renders them where it is); these catch the usual
/// template mistakes without it.
/// </summary>
[Trait("Layer", "Unit")]
public sealed partial class ChartTemplateTests
{
    public static TheoryData<string> Templates() => [.. HelmTemplateActions.TemplateFiles()];

    public static TheoryData<string> ObjectTemplates() =>
        [.. HelmTemplateActions.TemplateFiles().Where(name => name.EndsWith(".yaml", StringComparison.Ordinal))];

    [Fact]
    public void EachRole_HasAWorkloadAServiceAndADisruptionBudget_AndTheGatewayAnAutoscaler()
    {
        // (role, kind) of every object template: the role from its component dict, the kind from its top-level line.
        var objects = HelmTemplateActions.TemplateFiles()
            .Select(HelmTemplateActions.Read)
            .Select(text => (
                Role: ComponentPattern().Match(text) is { Success: true } role ? role.Groups[1].Value : "",
                Kind: KindPattern().Match(text) is { Success: true } kind ? kind.Groups[1].Value.Trim() : ""))
            .ToList();

        foreach (var role in (string[])["gateway", "processor"])
        {
            Assert.Contains(objects, o => o.Role == role && o.Kind.Contains(role == "gateway" ? "Deployment" : "StatefulSet", StringComparison.Ordinal));
            Assert.Contains((role, "Service"), objects);
            Assert.Contains((role, "PodDisruptionBudget"), objects);
        }

        Assert.Contains(("gateway", "HorizontalPodAutoscaler"), objects);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_OpensAndClosesBlocksInOrder(string fileName)
    {
        Assert.Null(HelmTemplateActions.BlockStructureError(HelmTemplateActions.Read(fileName)));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_IncludesOnlyDefinedHelpers(string fileName)
    {
        var defined = HelmTemplateActions.DefinedTemplateNames(HelmTemplateActions.Read("_helpers.tpl")).ToHashSet(StringComparer.Ordinal);

        var undefined = HelmTemplateActions.IncludedTemplateNames(HelmTemplateActions.Read(fileName))
            .Where(name => !defined.Contains(name))
            .ToList();

        Assert.True(undefined.Count == 0, $"{fileName} includes undefined templates: {string.Join(", ", undefined)}");
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_ReadsOnlyValuesThatExist(string fileName)
    {
        var values = ChartValues.Defaults();

        var missing = HelmTemplateActions.ValuePaths(HelmTemplateActions.Read(fileName))
            .Where(path => !Exists(values, path))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, $"{fileName} reads values missing from values.yaml: {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(ObjectTemplates))]
    public void KubernetesObjects_CarryTheStandardLabels(string fileName)
    {
        var template = HelmTemplateActions.Read(fileName);

        Assert.Contains("labels:", template, StringComparison.Ordinal);
        Assert.True(
            template.Contains("include \"stream-worker.labels\"", StringComparison.Ordinal)
            || template.Contains("include \"stream-worker.componentLabels\"", StringComparison.Ordinal),
            $"{fileName} does not use the app.kubernetes.io/* labels of _helpers.tpl");
    }

    [Fact]
    public void Helpers_DefineTheStandardLabels()
    {
        var helpers = HelmTemplateActions.Read("_helpers.tpl");

        foreach (var label in new[] { "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "app.kubernetes.io/component" })
        {
            Assert.Contains(label + ":", helpers, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rendering_FailsWithAClearMessage_WithoutSigningTokensOrKafka()
    {
        var helpers = HelmTemplateActions.Read("_helpers.tpl");
        var configMap = HelmTemplateActions.Read("configmap.yaml");

        // The checks live in one helper that the always-rendered ConfigMap includes first.
        Assert.StartsWith("{{- include \"stream-worker.validate\" . }}", configMap, StringComparison.Ordinal);
        Assert.Contains("fail \"gateway signing tokens are required: set gateway.signingTokens", helpers, StringComparison.Ordinal);
        Assert.Contains("or gateway.existingSecret", helpers, StringComparison.Ordinal);
        Assert.Contains("fail \"kafka.bootstrapServers is required", helpers, StringComparison.Ordinal);
        Assert.Contains("fail \"privacy.hashKey or privacy.existingSecret is required", helpers, StringComparison.Ordinal);
        Assert.Contains("may not exceed topics.partitions", helpers, StringComparison.Ordinal);
        Assert.Contains("fail (printf \"processor.terminationGracePeriodSeconds (%d) must be at least %d", helpers, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway-deployment.yaml")]
    [InlineData("processor-workload.yaml")]
    public void Workload_RunsHardenedWithProbesAndWritableTmp(string fileName)
    {
        var template = HelmTemplateActions.Read(fileName);

        Assert.Contains("toYaml .Values.podSecurityContext", template, StringComparison.Ordinal);
        Assert.Contains("toYaml .Values.securityContext", template, StringComparison.Ordinal);
        Assert.Contains("mountPath: /tmp", template, StringComparison.Ordinal);
        Assert.Contains("emptyDir:", template, StringComparison.Ordinal);
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            Assert.Contains($"{probe}:", template, StringComparison.Ordinal);
        }

        Assert.Contains("containerPort: 8080", template, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway", "/healthz", "/readyz")]
    [InlineData("processor", "/healthz", "/readyz")]
    public void Probes_CallHealthzAndReadyz(string role, string liveness, string readiness)
    {
        var values = ChartValues.Defaults()[role]!;

        Assert.Equal(liveness, values["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal(readiness, values["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Processor_IsAStatefulSetWithVolumeClaimsOnlyForRocksDb()
    {
        var template = HelmTemplateActions.Read("processor-workload.yaml");

        Assert.Contains("$rocksdb := eq .Values.processor.stateStore \"rocksdb\"", template, StringComparison.Ordinal);
        Assert.Contains("kind: {{ ternary \"StatefulSet\" \"Deployment\" $rocksdb }}", template, StringComparison.Ordinal);
        var claims = template.IndexOf("volumeClaimTemplates:", StringComparison.Ordinal);
        Assert.True(claims > 0, "no volumeClaimTemplates");
        Assert.Contains("{{- if $rocksdb }}", template[..claims][^40..], StringComparison.Ordinal);
    }

    [Fact]
    public void Processor_RollsOnePodAtATime()
    {
        var template = HelmTemplateActions.Read("processor-workload.yaml");
        var rocksdb = template.IndexOf("  {{- if $rocksdb }}\n  serviceName:", StringComparison.Ordinal);
        Assert.True(rocksdb > 0, "no StatefulSet branch before serviceName");
        var otherwise = template.IndexOf("  {{- else }}", rocksdb, StringComparison.Ordinal);
        var end = template.IndexOf("  {{- end }}", otherwise, StringComparison.Ordinal);
        var statefulSet = template[rocksdb..otherwise];
        var deployment = template[otherwise..end];

        // StatefulSet: RollingUpdate replaces one pod at a time, each after the previous one is ready.
        Assert.Contains("updateStrategy:\n    type: RollingUpdate\n", statefulSet, StringComparison.Ordinal);
        Assert.DoesNotContain("maxUnavailable", statefulSet, StringComparison.Ordinal);
        // Deployment: no surge pod (one more group member, one more rebalance), one pod down at a time.
        Assert.Contains("strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxUnavailable: 1\n      maxSurge: 0\n", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public void Processor_GetsItsStallTimeoutAndCommitIntervalFromTheConfigMap()
    {
        var configMap = HelmTemplateActions.Read("configmap.yaml");
        var values = ChartValues.Defaults()["processor"]!;

        Assert.Contains("Processor__StallTimeout: {{ .Values.processor.stallTimeout | quote }}", configMap, StringComparison.Ordinal);
        Assert.Contains("{{- with .Values.processor.commitInterval }}\n  Processor__CommitInterval: {{ . | quote }}", configMap, StringComparison.Ordinal);
        Assert.Equal("00:03:00", values["stallTimeout"]!.GetValue<string>());
        Assert.Equal(string.Empty, values["commitInterval"]!.GetValue<string>());
    }

    [Fact]
    public void Processor_DefaultGracePeriod_CoversACommitIntervalPlusClose()
    {
        // _helpers.tpl, stream-worker.processorMinGracePeriod: commit interval (30 s when empty) + 15 s close + 15 s margin.
        var values = ChartValues.Defaults()["processor"]!;
        var commitInterval = values["commitInterval"]!.GetValue<string>();
        var commitSeconds = commitInterval.Length == 0 ? 30 : (long)Math.Ceiling(TimeSpan.Parse(commitInterval, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds);

        Assert.True(values["terminationGracePeriodSeconds"]!.GetValue<long>() >= commitSeconds + 30);
        Assert.Contains("{{- add $commit 15 15 }}", HelmTemplateActions.Read("_helpers.tpl"), StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSeconds: {{ .Values.processor.terminationGracePeriodSeconds }}", HelmTemplateActions.Read("processor-workload.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceMonitor_IsRenderedOnlyWhenEnabled()
    {
        Assert.StartsWith("{{- if .Values.metrics.serviceMonitor.enabled }}", HelmTemplateActions.Read("servicemonitor.yaml"), StringComparison.Ordinal);
    }

    private static bool Exists(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject mapping || !mapping.ContainsKey(part))
            {
                return false;
            }

            node = mapping[part];
        }

        return true;
    }

    [GeneratedRegex("\"component\" \"([a-z]+)\"")]
    private static partial Regex ComponentPattern();

    [GeneratedRegex("^kind: (.+)$", RegexOptions.Multiline)]
    private static partial Regex KindPattern();
}
