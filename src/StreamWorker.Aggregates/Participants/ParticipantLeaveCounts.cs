namespace StreamWorker.Aggregates;

/// <summary><c>leaves_by_reason</c> of a participants record (3.1): all five keys, always present.</summary>
public sealed record ParticipantLeaveCounts(int UserExit, int UserDropped, int HostKicked, int HostKickedBlocked, int ConferenceEnd);
