using System.Text.Json.Nodes;

namespace StreamWorker.Deploy.Tests.Support;

/// <summary>docker-compose.yml as JSON, with YAML anchors and merge keys resolved.</summary>
internal static class ComposeFile
{
    public static JsonObject Load() =>
        YamlJson.ParseFile("docker-compose.yml") as JsonObject ?? throw new InvalidOperationException("docker-compose.yml is not a mapping");

    public static JsonObject Service(string name) =>
        Load()["services"]?[name] as JsonObject ?? throw new InvalidOperationException($"no compose service {name}");

    public static string? Environment(string service, string key) =>
        Service(service)["environment"]?[key]?.ToString();

    public static string? DependencyCondition(string service, string dependency) =>
        Service(service)["depends_on"]?[dependency]?["condition"]?.GetValue<string>();
}
