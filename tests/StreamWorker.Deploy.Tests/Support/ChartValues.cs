using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;


namespace StreamWorker.Deploy.Tests.Support;

/// <summary>The chart's values.yaml and values.schema.json, and validation as Helm does it.</summary>
internal static class ChartValues
{
    public const string ChartFolder = "charts/stream-worker";

    // Built once: JsonSchema.Net keeps built schemas in a registry.
    private static readonly Lazy<JsonSchema> LazySchema = new(() =>
        JsonSchema.FromText(RepositoryPaths.ReadText(ChartFolder, "values.schema.json")));

    public static JsonSchema Schema => LazySchema.Value;

    public static JsonObject Defaults() =>
        YamlJson.ParseFile(ChartFolder, "values.yaml") as JsonObject ?? throw new InvalidOperationException("values.yaml is not a mapping");

    /// <summary>Helm merges user values onto the defaults (maps deeply, everything else replaced).</summary>
    public static JsonObject MergeOntoDefaults(JsonObject overrides)
    {
        var merged = Defaults();
        Merge(merged, overrides);
        return merged;
    }

    public static EvaluationResults Validate(JsonNode values)
    {
        using var document = JsonDocument.Parse(values.ToJsonString());
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    public static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}")));

    private static void Merge(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject sourceChild && target[key] is JsonObject targetChild)
            {
                Merge(targetChild, sourceChild);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
