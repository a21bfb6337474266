
namespace StreamWorker.Aggregates.Tests.Support;

/// <summary>Terse builders for test events. Times are minutes:seconds after a fixed, window-aligned origin.</summary>
internal static class Events
{
    public const long Conference = 1001;
    public const long Company = 77;
    public const long Host = 5;

    /// <summary>2022-08-24T20:00:00.000Z, aligned to every window size of the contract.</summary>
    public static readonly long Origin = DateTimeOffset.Parse("2022-08-24T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public static long At(int minutes, int seconds = 0) => Origin + (minutes * 60_000L) + (seconds * 1_000L);

    public static AggregateEvent Enter(string id, long time, long participant, long? company = Company, long? host = Host) =>
        new(id, AggregateEventKind.EnterConference, time, Conference, company, host, participant, null, null);

    public static AggregateEvent Leave(string id, long time, long participant, LeaveReason reason = LeaveReason.UserExit) =>
        new(id, AggregateEventKind.LeaveConference, time, Conference, Company, Host, participant, reason, null);

    public static AggregateEvent End(string id, long time, long? company = null, long? host = Host) =>
        new(id, AggregateEventKind.ConferenceEnd, time, Conference, company, host, null, null, null);

    public static AggregateEvent Watch(string id, long time, long viewer) =>
        new(id, AggregateEventKind.EnterLivestream, time, Conference, Company, Host, viewer, null, null);

    public static AggregateEvent StopWatching(string id, long time, long viewer, LeaveReason reason = LeaveReason.UserExit) =>
        new(id, AggregateEventKind.LeaveLivestream, time, Conference, Company, Host, viewer, reason, null);

    public static AggregateEvent Dial(string id, long time, long participant, DialoutStatus status, long company = Company) =>
        new(id, AggregateEventKind.DialoutStatusChange, time, Conference, company, Host, participant, null, status);

    /// <summary>An event of the conference with no participant (<c>conference_start</c>, <c>start_recording</c>, ...).</summary>
    public static AggregateEvent Of(AggregateEventKind kind, string id, long time, long? company = Company) =>
        new(id, kind, time, Conference, company, Host, null, null, null);

    public static AggregateEvent RoleChanged(string id, long time, long participant) =>
        new(id, AggregateEventKind.ParticipantRoleChanged, time, Conference, null, Host, participant, null, null);

    /// <summary>A drive file the host added (no conference: kept under the host).</summary>
    public static AggregateEvent DriveFile(string id, long time, long bytes, long? company = Company) =>
        new(id, AggregateEventKind.DriveFileAdded, time, StateKeys.HostScope(Host), company, Host, null, null, null, bytes);

    /// <summary>Settings with short sessions and usage windows, so that properties over 85 minutes see them end and close.</summary>
    public static AggregateSettings ShortSessions { get; } = AggregateSettings.Default with
    {
        SessionTimeoutMs = 20 * 60_000,
        UsageWindowMs = 30 * 60_000,
        UsageGraceMs = 5 * 60_000,
    };
}
