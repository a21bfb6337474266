using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StreamWorker.Deploy.Tests;

[Trait("Layer", "Unit")]
public sealed partial class ChartDocumentationTests
{
    [Fact]
    public void EveryValue_IsDocumentedByAParamComment()
    {
        var documented = DocumentedParams();

        var undocumented = LeafPaths(ChartValues.Defaults(), string.Empty)
            .Where(path => !documented.Contains(path) && !documented.Any(param => path.StartsWith(param + ".", StringComparison.Ordinal)))
            .ToList();

        Assert.True(undocumented.Count == 0, "values without ## @param: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void EveryParamComment_NamesAnExistingValue()
    {
        var leaves = AllPaths(ChartValues.Defaults(), string.Empty).ToHashSet(StringComparer.Ordinal);

        var stale = DocumentedParams().Where(param => !leaves.Contains(param)).ToList();

        Assert.True(stale.Count == 0, "## @param for values that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void ChartReadme_ListsEveryParamInItsValuesTable()
    {
        var readme = RepositoryPaths.ReadText(ChartValues.ChartFolder, "README.md");

        var missing = DocumentedParams().Where(param => !readme.Contains($"| `{param}` |", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "missing from charts/stream-worker/README.md: " + string.Join(", ", missing));
    }

    private static HashSet<string> DocumentedParams() =>
        File.ReadLines(RepositoryPaths.File(ChartValues.ChartFolder, "values.yaml"))
            .Select(line => ParamComment().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["key"].Value)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> LeafPaths(JsonNode? node, string prefix)
    {
        if (node is JsonObject { Count: > 0 } mapping)
        {
            return mapping.SelectMany(entry => LeafPaths(entry.Value, Join(prefix, entry.Key)));
        }

        return [prefix];
    }

    private static IEnumerable<string> AllPaths(JsonNode? node, string prefix)
    {
        var self = prefix.Length > 0 ? new[] { prefix } : [];
        return node is JsonObject mapping
            ? self.Concat(mapping.SelectMany(entry => AllPaths(entry.Value, Join(prefix, entry.Key))))
            : self;
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    [GeneratedRegex(@"^\s*## @param (?<key>\S+)")]
    private static partial Regex ParamComment();
}
