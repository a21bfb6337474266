using System.Text.Json;
using Json.Schema;

namespace StreamWorker.Tests.Topology;

/// <summary>The records the topology emits match the JSON Schemas published for analytics consumers (docs/schemas).</summary>
[Trait("Layer", "Unit")]
public class OutputSchemaTests
{
    private static readonly Lazy<string> SchemaDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "schemas");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new DirectoryNotFoundException("docs/schemas not found above " + AppContext.BaseDirectory);
    });

    // Built once per process: JsonSchema.Net registers every schema by its $id globally.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    private static JsonSchema Load(string file) =>
        Schemas.GetOrAdd(file, f => JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaDirectory.Value, f))));

    private static bool IsValid(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid;
    }

    [Fact]
    public void EveryEmittedRecord_MatchesItsTopicsSchema()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 1), Enter(1));
        h.Pipe("e2", "leave_conference", Time(0, 2), Leave(1, "host_kicked_blocked"));
        h.Pipe("e3", "enter_livestream", Time(0, 3), Watch(4));
        h.Pipe("e4", "leave_livestream", Time(0, 4), StopWatching(4, "user_dropped"));
        h.Pipe("e5", "leave_livestream", Time(6), StopWatching(9));
        h.Pipe("e6", "conference_end", Time(7), End());
        h.Pipe("d1", "dialout_status_change", Time(1), Dial(2, "new"));
        h.Pipe("d2", "dialout_status_change", Time(2), Dial(2, "answered"));
        h.Pipe("d3", "dialout_status_change", Time(3), Dial(3, "notenabled"));

        var checks = new[]
        {
            (Schema: Load("conference-participants.schema.json"), Records: h.Participants),
            (Schema: Load("livestream-churn.schema.json"), Records: h.Churn),
            (Schema: Load("dialout-answer-rate.schema.json"), Records: h.Dialout),
        };
        foreach (var (schema, records) in checks)
        {
            Assert.NotEmpty(records);
            Assert.All(records, r => Assert.True(IsValid(schema, r.Json), r.Json));
        }
    }

    [Fact]
    public void Schemas_RejectARecordWithoutAField_OrWithANegativeCount()
    {
        var schema = Load("dialout-answer-rate.schema.json");
        var valid = DialoutJson(0, attempts: 1, rate: "null", pending: 1);

        Assert.True(IsValid(schema, valid));
        Assert.False(IsValid(schema, valid.Replace(",\"answer_rate\":null", "", StringComparison.Ordinal)));
        Assert.False(IsValid(schema, valid.Replace("\"pending\":1", "\"pending\":-1", StringComparison.Ordinal)));
    }
}
