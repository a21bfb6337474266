using System.ComponentModel;
using System.Text.Json.Serialization;

namespace StreamWorker.Gateway.OpenApi;

/// <summary>
/// The body of <c>POST /webhooks</c>, for the OpenAPI document only: the endpoint reads the body itself
/// (<see cref="Events.WebhookIntake"/>), so that every field error is reported at once.
/// </summary>
[Description("One platform event. Keys other than these three are ignored.")]
internal sealed record WebhookEnvelope(
    [property: JsonPropertyName("event")]
    [property: Description("The event type: one of the 22 documented names, or any other identifier (stored as an unknown event). Must match ^[a-z][a-z0-9_]{0,63}$.")]
    string Event,
    [property: JsonPropertyName("payload")]
    [property: Description("A string holding serialized JSON: the event's details, an object. Its fields depend on the event (docs/webhook-events.md).")]
    string Payload,
    [property: JsonPropertyName("timestamp")]
    [property: Description("When the event happened, ISO 8601 with a date and a time, such as 2022-08-24T20:56:55.000Z; read as UTC without an offset.")]
    string Timestamp);
