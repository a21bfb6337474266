using System.Text.Json.Serialization;
using StreamWorker.Events;

namespace StreamWorker.Aggregates;

/// <summary><c>leaves_by_reason</c> of a participants record (3.1): all five keys, always present.</summary>
public sealed record ParticipantLeaveCounts(
    [property: JsonPropertyName(ReasonsForLeaving.UserExit)] int UserExit,
    [property: JsonPropertyName(ReasonsForLeaving.UserDropped)] int UserDropped,
    [property: JsonPropertyName(ReasonsForLeaving.HostKicked)] int HostKicked,
    [property: JsonPropertyName(ReasonsForLeaving.HostKickedBlocked)] int HostKickedBlocked,
    [property: JsonPropertyName(WebhookEventNames.ConferenceEnd)] int ConferenceEnd);
