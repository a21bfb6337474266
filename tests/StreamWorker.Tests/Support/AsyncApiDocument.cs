using System.Text.Json.Nodes;
using Json.Schema;
using YamlDotNet.Serialization;

namespace StreamWorker.Tests.Support;

/// <summary>
/// docs/asyncapi.yaml read the way a consumer's tooling reads it: per channel address (topic), the message's
/// payload schema (a file in docs/schemas), its headers schema and its Kafka key schema.
/// </summary>
public sealed class AsyncApiDocument
{
    private readonly JsonNode _root;

    private AsyncApiDocument(JsonNode root) => _root = root;

    public static AsyncApiDocument Load()
    {
        using var reader = new StringReader(File.ReadAllText(RepositoryPaths.File("docs", "asyncapi.yaml")));
        var yaml = new DeserializerBuilder().Build().Deserialize(reader);
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml!);
        return new AsyncApiDocument(JsonNode.Parse(json)!);
    }

    /// <summary>Topic name to its one message, resolved.</summary>
    public IReadOnlyDictionary<string, AsyncApiMessage> MessagesByTopic()
    {
        var result = new Dictionary<string, AsyncApiMessage>(StringComparer.Ordinal);
        foreach (var (_, channel) in _root["channels"]!.AsObject())
        {
            var message = Resolve(Assert.Single(channel!["messages"]!.AsObject()).Value!);
            var payloadFile = message["payload"]!["$ref"]!.GetValue<string>();
            var headers = message["headers"] is { } h ? Build(Inline(h)) : null;
            var key = message["bindings"]?["kafka"]?["key"] is { } k ? Build(Inline(k)) : null;
            result[channel["address"]!.GetValue<string>()] = new AsyncApiMessage(
                message["name"]!.GetValue<string>(),
                Build(JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.File("docs"), payloadFile)))!),
                headers,
                key);
        }

        return result;
    }

    // Each schema gets its own registry: the same $id is also loaded by other tests of this process.
    private static JsonSchema Build(JsonNode schema) =>
        JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

    private JsonNode Resolve(JsonNode node) =>
        node["$ref"] is { } reference ? Resolve(Pointer(reference.GetValue<string>())) : node;

    /// <summary>A copy of <paramref name="node"/> with every in-document <c>$ref</c> replaced by its target.</summary>
    private JsonNode Inline(JsonNode node) => node switch
    {
        JsonObject o when o["$ref"] is { } r => Inline(Pointer(r.GetValue<string>())),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Inline(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(i => i is null ? null : Inline(i))]),
        _ => node.DeepClone(),
    };

    private JsonNode Pointer(string reference)
    {
        Assert.StartsWith("#/", reference, StringComparison.Ordinal);
        return reference[2..].Split('/').Aggregate(_root, (node, part) => node[part] ?? throw new KeyNotFoundException(reference));
    }
}
