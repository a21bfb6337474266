using System.Text.Json.Nodes;


namespace StreamWorker.Deploy.Tests.Support;

/// <summary>One dashboard JSON of deploy/grafana/dashboards, with accessors for what the tests inspect.</summary>
internal sealed class GrafanaDashboard
{
    public const string Folder = "deploy/grafana/dashboards";

    private GrafanaDashboard(string fileName, JsonObject root)
    {
        FileName = fileName;
        Root = root;
    }

    public string FileName { get; }

    public JsonObject Root { get; }

    public string? Uid => Root["uid"]?.GetValue<string>();

    public static IEnumerable<string> FileNames() =>
        Directory.EnumerateFiles(RepositoryPaths.File(Folder), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static GrafanaDashboard Load(string fileName)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.File(Folder), fileName));
        var root = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"{fileName} is not a JSON object");
        return new GrafanaDashboard(fileName, root);
    }

    /// <summary>Every panel, including panels nested in collapsed rows; rows themselves excluded.</summary>
    public IEnumerable<JsonObject> Panels() => Flatten(Root["panels"] as JsonArray);

    public IEnumerable<JsonObject> Targets() =>
        Panels().SelectMany(panel => (panel["targets"] as JsonArray ?? []).OfType<JsonObject>());

    public IEnumerable<string> Expressions() =>
        Targets().Select(target => target["expr"]?.GetValue<string>()).OfType<string>();

    public IEnumerable<JsonObject> Variables() =>
        (Root["templating"]?["list"] as JsonArray ?? []).OfType<JsonObject>();

    public JsonObject? Variable(string name) =>
        Variables().FirstOrDefault(variable => variable["name"]?.GetValue<string>() == name);

    /// <summary>
    /// The series selectors of the query variables: label_values(selector, label)
    /// is Grafana's syntax, its first argument is PromQL.
    /// </summary>
    public IEnumerable<string> VariableSeriesSelectors() =>
        Variables()
            .Where(variable => variable["type"]?.GetValue<string>() == "query")
            .Select(variable => variable["query"] is JsonObject query ? query["query"]?.GetValue<string>() : variable["query"]?.GetValue<string>())
            .OfType<string>()
            .Select(ToSeriesSelector);

    private static string ToSeriesSelector(string variableQuery)
    {
        const string Prefix = "label_values(";
        if (!variableQuery.StartsWith(Prefix, StringComparison.Ordinal) || !variableQuery.Contains(',', StringComparison.Ordinal))
        {
            return variableQuery;
        }

        return variableQuery[Prefix.Length..variableQuery.LastIndexOf(',')].Trim();
    }

    private static IEnumerable<JsonObject> Flatten(JsonArray? panels)
    {
        foreach (var panel in (panels ?? []).OfType<JsonObject>())
        {
            if (panel["type"]?.GetValue<string>() == "row")
            {
                foreach (var nested in Flatten(panel["panels"] as JsonArray))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return panel;
            }
        }
    }
}
