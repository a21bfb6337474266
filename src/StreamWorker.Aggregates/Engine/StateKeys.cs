using System.Globalization;

namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// The keys the engine keeps in a conference stage's store (docs/topology.md, "State layout"); each rule names its
/// own keys beside its code. Identifiers are decimal, so prefixes cannot clash.
/// </summary>
public static class StateKeys
{
    /// <summary>The partition's progress: its stream time, and the offset of the last record fully written.</summary>
    public const string StreamTime = "t";

    public static string Summary(long conference) => string.Create(CultureInfo.InvariantCulture, $"c/{conference}");

    /// <summary>An event id the conference stage processed.</summary>
    public static string Seen(long conference, string eventId) => string.Create(CultureInfo.InvariantCulture, $"e/{conference}/{eventId}");

    /// <summary>Every seen event id of the conference, for expiry.</summary>
    public static string SeenList(long conference) => string.Create(CultureInfo.InvariantCulture, $"el/{conference}");

    /// <summary>Every key the conference's rules own (members, attempts), deleted with the conference at expiry.</summary>
    public static string Owned(long conference) => string.Create(CultureInfo.InvariantCulture, $"k/{conference}");

    /// <summary>The close queue of a rule's windows (<see cref="ConferenceRule.Name"/>).</summary>
    public static string CloseQueue(string rule) => "q/close-" + rule;

    /// <summary>
    /// Where the events of a host that name no conference (drive files, profile pictures) are kept in place of a
    /// conference id: negative, so it never meets one (a host's duplicates are recognised there).
    /// </summary>
    public static long HostScope(long hostId) => -hostId - 1;

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static long ParseId(string id) => long.Parse(id, CultureInfo.InvariantCulture);
}
