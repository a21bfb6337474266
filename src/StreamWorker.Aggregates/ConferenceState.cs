namespace StreamWorker.Aggregates;

/// <summary>
/// Everything the conference stage keeps about one conference, stored as one value so that one event's
/// effect is one write (which keeps an at-least-once replay exact: a replayed event is a duplicate).
/// </summary>
public sealed class ConferenceState
{
    public ConferenceState(long conferenceId) => ConferenceId = conferenceId;

    public long ConferenceId { get; }

    /// <summary>Last seen on an applied event of the conference that carries it.</summary>
    public long? CompanyId { get; set; }

    /// <summary>Last seen on an applied event of the conference that carries it.</summary>
    public long? HostId { get; set; }

    /// <summary>Largest event time of the conference's applied events; retention counts from here.</summary>
    public long LastEventTimeMs { get; set; } = long.MinValue;

    public Dictionary<string, SeenEvent> Seen { get; } = new(StringComparer.Ordinal);
    public HashSet<long> Participants { get; } = [];
    public HashSet<long> Viewers { get; } = [];
    public SortedDictionary<long, ParticipantsWindowState> ParticipantWindows { get; } = [];
    public SortedDictionary<long, ChurnWindowState> ChurnWindows { get; } = [];

    /// <summary>Current attempt per dialled participant.</summary>
    public Dictionary<long, DialoutAttempt> Attempts { get; } = [];
}
