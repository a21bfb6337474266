using System.Text.Json.Nodes;

namespace StreamWorker.Deploy.Tests;

/// <summary>
/// The compose stack's wiring. No Docker engine here, so `docker compose up`
/// cannot run; these check what would make it fail or misbehave.
/// </summary>
[Trait("Layer", "Unit")]
public sealed class ComposeTests
{
    [Fact]
    public void Kafka_IsSingleNodeKraftWithHealthcheck()
    {
        var kafka = ComposeFile.Service("kafka");

        Assert.StartsWith("apache/kafka:", kafka["image"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("broker,controller", ComposeFile.Environment("kafka", "KAFKA_PROCESS_ROLES"));
        Assert.Equal("1@kafka:29093", ComposeFile.Environment("kafka", "KAFKA_CONTROLLER_QUORUM_VOTERS"));
        Assert.Equal("false", ComposeFile.Environment("kafka", "KAFKA_AUTO_CREATE_TOPICS_ENABLE"));
        Assert.Contains("kafka-broker-api-versions.sh", kafka["healthcheck"]!["test"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StartOrder_KafkaHealthyThenTopicsCreatedThenApplications()
    {
        Assert.Equal("service_healthy", ComposeFile.DependencyCondition("kafka-topics", "kafka"));
        Assert.Equal("service_completed_successfully", ComposeFile.DependencyCondition("gateway", "kafka-topics"));
        Assert.Equal("service_completed_successfully", ComposeFile.DependencyCondition("processor", "kafka-topics"));
    }

    [Fact]
    public void TopicService_RunsTheScriptOnTheMountedTopicList()
    {
        var topics = ComposeFile.Service("kafka-topics");

        Assert.Contains("./deploy/kafka:/topics:ro", topics["volumes"]!.AsArray().Select(volume => volume!.GetValue<string>()));
        Assert.Equal("[\"/bin/bash\",\"/topics/create-topics.sh\"]", topics["entrypoint"]!.ToJsonString());
        Assert.Equal("6", ComposeFile.Environment("kafka-topics", "PARTITIONS"));
        Assert.Equal("kafka:19092", ComposeFile.Environment("kafka-topics", "BOOTSTRAP_SERVERS"));
    }

    [Theory]
    [InlineData("gateway", "gateway")]
    [InlineData("processor", "processor")]
    public void Application_RunsItsRoleFromTheSharedImageAgainstKafka(string service, string role)
    {
        Assert.Equal(role, ComposeFile.Environment(service, "Role"));
        Assert.Equal("kafka:19092", ComposeFile.Environment(service, "Kafka__BootstrapServers"));
        Assert.False(string.IsNullOrEmpty(ComposeFile.Environment(service, "Privacy__HashKey")));
        Assert.Equal(ComposeFile.Service("gateway")["image"]!.GetValue<string>(), ComposeFile.Service(service)["image"]!.GetValue<string>());
        Assert.Equal("Dockerfile", ComposeFile.Service(service)["build"]!["dockerfile"]!.GetValue<string>());
    }

    [Fact]
    public void Gateway_HasADevelopmentOnlySigningToken()
    {
        var token = ComposeFile.Environment("gateway", "Gateway__SigningTokens__0");

        Assert.NotNull(token);
        Assert.StartsWith("dev-only-", token, StringComparison.Ordinal);
        Assert.Contains("DEVELOPMENT ONLY", RepositoryPaths.ReadText("docker-compose.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Processor_KeepsRocksDbStateInAVolume()
    {
        var directory = ComposeFile.Environment("processor", "Processor__StateDirectory");

        Assert.Equal("rocksdb", ComposeFile.Environment("processor", "Processor__StateStore"));
        Assert.Contains($"processor-state:{directory}", ComposeFile.Service("processor")["volumes"]!.AsArray().Select(volume => volume!.GetValue<string>()));
        Assert.True(ComposeFile.Load()["volumes"]!.AsObject().ContainsKey("processor-state"));
    }

    [Fact]
    public void Prometheus_ScrapesMetricsOfBothRoles()
    {
        var config = (JsonObject)YamlJson.ParseFile("deploy", "prometheus", "prometheus.yml")!;
        var jobs = config["scrape_configs"]!.AsArray().OfType<JsonObject>().ToList();

        var targets = jobs.SelectMany(job => job["static_configs"]!.AsArray().SelectMany(staticConfig => staticConfig!["targets"]!.AsArray()))
            .Select(target => target!.GetValue<string>())
            .ToList();
        Assert.Equal(["gateway:8080", "processor:8080"], targets.Order(StringComparer.Ordinal));
        Assert.All(jobs, job =>
        {
            Assert.Equal("/metrics", job["metrics_path"]!.GetValue<string>());
            // The dashboards' job variable lists jobs whose name contains "streamworker".
            Assert.Contains("streamworker", job["job_name"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro", ComposeFile.Service("prometheus")["volumes"]!.AsArray().Select(volume => volume!.GetValue<string>()));
    }

    [Fact]
    public void Grafana_ProvisionsThePrometheusDatasourceAndTheDashboardFolder()
    {
        var grafanaVolumes = ComposeFile.Service("grafana")["volumes"]!.AsArray().Select(volume => volume!.GetValue<string>()).ToList();
        var datasources = (JsonObject)YamlJson.ParseFile("deploy", "grafana", "provisioning", "datasources", "prometheus.yml")!;
        var providers = (JsonObject)YamlJson.ParseFile("deploy", "grafana", "provisioning", "dashboards", "streamworker.yml")!;

        Assert.Contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro", grafanaVolumes);
        var dashboardMount = grafanaVolumes.Single(volume => volume.StartsWith("./deploy/grafana/dashboards:", StringComparison.Ordinal)).Split(':')[1];
        Assert.Equal(dashboardMount, providers["providers"]![0]!["options"]!["path"]!.GetValue<string>());
        var datasource = datasources["datasources"]![0]!;
        Assert.Equal("prometheus", datasource["type"]!.GetValue<string>());
        Assert.Equal("http://prometheus:9090", datasource["url"]!.GetValue<string>());
        Assert.True(datasource["isDefault"]!.GetValue<bool>());
    }

    [Fact]
    public void PublishedPorts_DoNotCollide()
    {
        var hostPorts = ComposeFile.Load()["services"]!.AsObject()
            .SelectMany(service => (service.Value!["ports"] as JsonArray ?? []).Select(port => port!.GetValue<string>().Split(':')[0]))
            .ToList();

        Assert.Equal(hostPorts.Count, hostPorts.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("3000", hostPorts);
        Assert.Contains("8080", hostPorts);
    }
}
