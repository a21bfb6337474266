using System.Text.Json.Serialization;
using StreamWorker.Aggregates.Input;
using StreamWorker.Events;

namespace StreamWorker.Aggregates.Livestream;

/// <summary><c>leaves_by_reason</c> of a churn record (3.2): removals by <c>conference_end</c> are not listed here.</summary>
public sealed record ViewerLeaveCounts(
    [property: JsonPropertyName(ReasonsForLeaving.UserExit)] int UserExit,
    [property: JsonPropertyName(ReasonsForLeaving.UserDropped)] int UserDropped,
    [property: JsonPropertyName(ReasonsForLeaving.HostKicked)] int HostKicked,
    [property: JsonPropertyName(ReasonsForLeaving.HostKickedBlocked)] int HostKickedBlocked)
{
    /// <summary>These counts with one more leave for <paramref name="reason"/>.</summary>
    public ViewerLeaveCounts Count(LeaveReason reason) => reason switch
    {
        LeaveReason.UserExit => this with { UserExit = UserExit + 1 },
        LeaveReason.UserDropped => this with { UserDropped = UserDropped + 1 },
        LeaveReason.HostKicked => this with { HostKicked = HostKicked + 1 },
        LeaveReason.HostKickedBlocked => this with { HostKickedBlocked = HostKickedBlocked + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
