using System.Text.Json.Nodes;

namespace StreamWorker.Deploy.Tests;

[Trait("Layer", "Unit")]
public sealed class ChartValuesSchemaTests
{
    [Fact]
    public void DefaultValues_ValidateAgainstSchema()
    {
        var results = ChartValues.Validate(ChartValues.Defaults());

        Assert.True(results.IsValid, ChartValues.Describe(results));
    }

    [Fact]
    public void CiTestValues_MergedOntoDefaults_ValidateAgainstSchema()
    {
        var ciValues = (JsonObject)YamlJson.ParseFile(ChartValues.ChartFolder, "ci", "test-values.yaml")!;

        var results = ChartValues.Validate(ChartValues.MergeOntoDefaults(ciValues));

        Assert.True(results.IsValid, ChartValues.Describe(results));
    }

    [Theory]
    [InlineData("gateway:\n  replicaCount: two\n", "/gateway/replicaCount")]
    [InlineData("gateway:\n  signingTokens: not-a-list\n", "/gateway/signingTokens")]
    [InlineData("processor:\n  stateStore: leveldb\n", "/processor/stateStore")]
    [InlineData("processor:\n  replicaCount: 0\n", "/processor/replicaCount")]
    [InlineData("processor:\n  guarantee: exactly-once\n", "/processor/guarantee")]
    [InlineData("privacy:\n  personalData: encrypt\n", "/privacy/personalData")]
    [InlineData("topics:\n  partitions: \"6\"\n", "/topics/partitions")]
    [InlineData("gateway:\n  ackTimeout: 5s\n", "/gateway/ackTimeout")]
    [InlineData("processor:\n  stallTimeout: 3m\n", "/processor/stallTimeout")]
    [InlineData("processor:\n  stallTimeout: \"\"\n", "/processor/stallTimeout")]
    [InlineData("processor:\n  commitInterval: 30s\n", "/processor/commitInterval")]
    [InlineData("metrics:\n  serviceMonitor:\n    enabled: \"yes\"\n", "/metrics/serviceMonitor/enabled")]
    [InlineData("gatway:\n  replicaCount: 2\n", "")]
    public void ValuesWithWrongTypeOrValue_FailValidationAtThatValue(string overrideYaml, string expectedLocation)
    {
        var overrides = (JsonObject)YamlJson.Parse(overrideYaml)!;

        var results = ChartValues.Validate(ChartValues.MergeOntoDefaults(overrides));

        Assert.False(results.IsValid);
        Assert.Contains(expectedLocation, ChartValues.Describe(results), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("processor:\n  commitInterval: \"00:00:05\"\n  stallTimeout: \"00:10:00\"\n")]
    [InlineData("processor:\n  commitInterval: \"00:00:00.500\"\n  stallTimeout: \"1.00:00:00\"\n")]
    public void TimeSpanValues_InDotNetForm_Validate(string overrideYaml)
    {
        var results = ChartValues.Validate(ChartValues.MergeOntoDefaults((JsonObject)YamlJson.Parse(overrideYaml)!));

        Assert.True(results.IsValid, ChartValues.Describe(results));
    }

    [Fact]
    public void DefaultValues_HoldNoSigningTokenAndNoHashKey()
    {
        // docs/http-api.md: tokens come from configuration or a mounted secret, never from the chart's defaults.
        var values = ChartValues.Defaults();

        Assert.Empty(values["gateway"]!["signingTokens"]!.AsArray());
        Assert.Equal(string.Empty, values["gateway"]!["existingSecret"]!.GetValue<string>());
        Assert.Equal(string.Empty, values["privacy"]!["hashKey"]!.GetValue<string>());
    }

    [Fact]
    public void DefaultValues_RunNonRootWithReadOnlyRootFilesystem()
    {
        var values = ChartValues.Defaults();

        Assert.True(values["podSecurityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal(1654, values["podSecurityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.True(values["securityContext"]!["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.False(values["securityContext"]!["allowPrivilegeEscalation"]!.GetValue<bool>());
    }

    [Fact]
    public void DefaultValues_ProcessorReplicasWithinPartitions()
    {
        var values = ChartValues.Defaults();

        Assert.InRange(values["processor"]!["replicaCount"]!.GetValue<long>(), 1, values["topics"]!["partitions"]!.GetValue<long>());
    }
}
