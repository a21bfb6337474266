using System.Globalization;

namespace StreamWorker.Aggregates;

/// <summary>
/// The keys of the stage stores (docs/topology.md, "State layout"). Each names what one event touches: a
/// conference's summary, one member, one attempt, one window. Identifiers are decimal, so prefixes cannot clash.
/// </summary>
public static class StateKeys
{
    /// <summary>The partition's progress: its stream time, and the offset of the last record fully written.</summary>
    public const string StreamTime = "t";

    public static string Summary(long conference) => Invariant($"c/{conference}");

    public static string Participant(long conference, long participant) => Invariant($"p/{conference}/{participant}");

    public static string Viewer(long conference, long participant) => Invariant($"v/{conference}/{participant}");

    /// <summary>Every member key the conference ever wrote (participants and viewers), for expiry.</summary>
    public static string Members(long conference) => Invariant($"m/{conference}");

    /// <summary>An event id the conference stage processed.</summary>
    public static string Seen(long conference, string eventId) => Invariant($"e/{conference}/{eventId}");

    /// <summary>Every seen event id of the conference, for expiry.</summary>
    public static string SeenList(long conference) => Invariant($"el/{conference}");

    public static string Attempt(long conference, long participant) => Invariant($"a/{conference}/{participant}");

    /// <summary>An earlier attempt of a participant, kept when a new one starts (a replay may need to re-emit it).</summary>
    public static string EarlierAttempt(long conference, long participant, int sequence) => Invariant($"as/{conference}/{participant}/{sequence}");

    /// <summary>Every attempt key of the conference, for expiry.</summary>
    public static string Attempts(long conference) => Invariant($"al/{conference}");

    public static string ParticipantsWindow(long conference, long windowStartMs) => Invariant($"wp/{conference}/{windowStartMs}");

    public static string ChurnWindow(long conference, long windowStartMs) => Invariant($"wc/{conference}/{windowStartMs}");

    /// <summary>Company stage: the stream time an events partition has announced (its latest progress record).</summary>
    public static string SourceProgress(int source) => Invariant($"sp/{source}");

    public static string DialoutWindow(long company, long windowStartMs) => Invariant($"wd/{company}/{windowStartMs}");

    public static string Outcome(long company, long windowStartMs, string attempt) => Invariant($"o/{company}/{windowStartMs}/{attempt}");

    /// <summary>Every attempt of a company window, for dropping the window.</summary>
    public static string Outcomes(long company, long windowStartMs) => Invariant($"ol/{company}/{windowStartMs}");

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString s) => FormattableString.Invariant(s);
}
