using System.Text.Json.Serialization;

namespace StreamWorker.Tests.Support;

/// <summary>Source-generated JSON for quoting a string (a payload is a JSON string holding JSON).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class StringJson : JsonSerializerContext;
