using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>
/// Differences between expected and actual latest records. Rates (`*_rate`) compare by value (1 equals 1.0);
/// every other number must be written exactly as expected, so identifiers and counts stay JSON integers.
/// </summary>
public static class JsonRecordDiff
{
    /// <param name="alternatives">Per key, another record the actual may equal instead of the expected one.</param>
    public static List<string> Compare(
        string topic,
        Dictionary<(string Key, string WindowStart), JsonObject> expected,
        Dictionary<(string Key, string WindowStart), JsonObject> actual,
        Dictionary<(string Key, string WindowStart), JsonObject>? alternatives = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<string>();
        foreach (var (key, record) in expected.OrderBy(e => e.Key.Key).ThenBy(e => e.Key.WindowStart))
        {
            if (!actual.TryGetValue(key, out var found))
            {
                differences.Add($"{topic} {key}: missing; expected {record.ToJsonString()}");
            }
            else if (!Equivalent(Element(record), Element(found), exactNumbers: true)
                && !(alternatives is not null && alternatives.TryGetValue(key, out var other) && Equivalent(Element(other), Element(found), exactNumbers: true)))
            {
                var or = alternatives is not null && alternatives.TryGetValue(key, out var alternative) ? $"\n  or       {alternative.ToJsonString()}" : string.Empty;
                differences.Add($"{topic} {key}:\n  expected {record.ToJsonString()}{or}\n  actual   {found.ToJsonString()}");
            }
        }

        foreach (var key in actual.Keys.Where(k => !expected.ContainsKey(k)).Order())
        {
            differences.Add($"{topic} {key}: unexpected {actual[key].ToJsonString()}");
        }

        return differences;
    }

    private static JsonElement Element(JsonObject record) => JsonDocument.Parse(record.ToJsonString()).RootElement.Clone();

    private static bool Equivalent(JsonElement expected, JsonElement actual, bool exactNumbers)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return false;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                var actualNames = actual.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
                return expectedNames.SequenceEqual(actualNames)
                    && expectedNames.All(n => Equivalent(expected.GetProperty(n), actual.GetProperty(n), !n.EndsWith("_rate", StringComparison.Ordinal)));
            case JsonValueKind.Array:
                return expected.GetArrayLength() == actual.GetArrayLength()
                    && expected.EnumerateArray().Zip(actual.EnumerateArray()).All(p => Equivalent(p.First, p.Second, exactNumbers));
            case JsonValueKind.Number:
                return exactNumbers ? expected.GetRawText() == actual.GetRawText() : expected.GetDouble().Equals(actual.GetDouble());
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString();
            default:
                return true;
        }
    }
}
