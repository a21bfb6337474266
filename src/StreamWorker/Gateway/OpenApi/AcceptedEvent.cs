using System.ComponentModel;
using System.Text.Json.Serialization;

namespace StreamWorker.Gateway.OpenApi;

/// <summary>The 202 body, for the OpenAPI document only (the endpoint writes it directly).</summary>
[Description("The event is stored: the broker acknowledged the write.")]
internal sealed record AcceptedEvent(
    [property: JsonPropertyName("event_id")]
    [property: Description("Digest of (event, payload, timestamp): the same delivery sent again gets the same id.")]
    string EventId);
