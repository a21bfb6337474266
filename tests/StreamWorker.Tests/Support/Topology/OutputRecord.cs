using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Topology;

/// <summary>One record read from an output topic: its key and JSON value.</summary>
internal sealed record OutputRecord(string Key, string Json)
{
    public JsonNode Value => JsonNode.Parse(Json)!;

    public string Field(string name) => Value[name]?.ToJsonString() ?? "null";
}
