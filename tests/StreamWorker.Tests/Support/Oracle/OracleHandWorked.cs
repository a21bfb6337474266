using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>Stored events and record checks for the oracle's own hand-worked unit tests.</summary>
internal static class OracleHandWorked
{
    /// <summary>A stored event at <paramref name="start"/> + <paramref name="offset"/> ("hh:mm:ss" or "d.hh:mm:ss").</summary>
    public static JsonObject Stored(DateTimeOffset start, string id, string name, string offset, string payload) => new()
    {
        ["event_id"] = id,
        ["event"] = name,
        ["timestamp"] = ContractOracle.FormatTime((start + TimeSpan.Parse(offset, CultureInfo.InvariantCulture)).ToUnixTimeMilliseconds()),
        ["payload"] = JsonNode.Parse(payload),
    };

    /// <summary>Asserts the record of (<paramref name="key"/>, <paramref name="windowStart"/>) equals <paramref name="expected"/> in every field.</summary>
    public static void AssertRecord(Dictionary<(string Key, string WindowStart), JsonObject>? records, string key, string windowStart, string expected)
    {
        Assert.NotNull(records);
        Assert.True(records.TryGetValue((key, windowStart), out var actual), $"no record for {key} {windowStart}; have {string.Join(", ", records.Keys)}");
        var differences = JsonRecordDiff.Compare("oracle", new() { [(key, windowStart)] = JsonNode.Parse(expected)!.AsObject() }, new() { [(key, windowStart)] = actual });
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
