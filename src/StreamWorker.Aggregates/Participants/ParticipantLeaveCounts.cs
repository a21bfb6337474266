using System.Text.Json.Serialization;
using StreamWorker.Aggregates.Input;
using StreamWorker.Events;

namespace StreamWorker.Aggregates.Participants;

/// <summary><c>leaves_by_reason</c> of a participants record (3.1): all five keys, always present.</summary>
public sealed record ParticipantLeaveCounts(
    [property: JsonPropertyName(ReasonsForLeaving.UserExit)] int UserExit,
    [property: JsonPropertyName(ReasonsForLeaving.UserDropped)] int UserDropped,
    [property: JsonPropertyName(ReasonsForLeaving.HostKicked)] int HostKicked,
    [property: JsonPropertyName(ReasonsForLeaving.HostKickedBlocked)] int HostKickedBlocked,
    [property: JsonPropertyName(WebhookEventNames.ConferenceEnd)] int ConferenceEnd)
{
    /// <summary>These counts with one more leave for <paramref name="reason"/>.</summary>
    public ParticipantLeaveCounts Count(LeaveReason reason) => reason switch
    {
        LeaveReason.UserExit => this with { UserExit = UserExit + 1 },
        LeaveReason.UserDropped => this with { UserDropped = UserDropped + 1 },
        LeaveReason.HostKicked => this with { HostKicked = HostKicked + 1 },
        LeaveReason.HostKickedBlocked => this with { HostKickedBlocked = HostKickedBlocked + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
