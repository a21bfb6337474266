namespace StreamWorker.Events;

/// <summary>The values of <c>reason_for_leaving</c> on leave events (docs/webhook-events.md).</summary>
public static class ReasonsForLeaving
{
    public const string UserExit = "user_exit";
    public const string UserDropped = "user_dropped";
    public const string HostKicked = "host_kicked";
    public const string HostKickedBlocked = "host_kicked_blocked";

    /// <summary>Every value, in the order of the documentation.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly([UserExit, UserDropped, HostKicked, HostKickedBlocked]);
}
