using Json.Schema;

namespace StreamWorker.Tests.Support;

/// <summary>One AsyncAPI message: payload, headers and Kafka key schemas (the last two may be absent).</summary>
public sealed record AsyncApiMessage(string Name, JsonSchema Payload, JsonSchema? Headers, JsonSchema? Key);
