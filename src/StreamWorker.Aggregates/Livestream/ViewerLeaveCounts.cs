using System.Text.Json.Serialization;
using StreamWorker.Events;

namespace StreamWorker.Aggregates;

/// <summary><c>leaves_by_reason</c> of a churn record (3.2): removals by <c>conference_end</c> are not listed here.</summary>
public sealed record ViewerLeaveCounts(
    [property: JsonPropertyName(ReasonsForLeaving.UserExit)] int UserExit,
    [property: JsonPropertyName(ReasonsForLeaving.UserDropped)] int UserDropped,
    [property: JsonPropertyName(ReasonsForLeaving.HostKicked)] int HostKicked,
    [property: JsonPropertyName(ReasonsForLeaving.HostKickedBlocked)] int HostKickedBlocked);
