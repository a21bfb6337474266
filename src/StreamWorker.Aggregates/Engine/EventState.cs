namespace StreamWorker.Aggregates.Engine;

/// <summary>The conference as one event changes it: shared by the contexts of the rules the event feeds.</summary>
internal sealed class EventState
{
    private readonly PresenceCounts before;

    public EventState(ConferenceEngine engine, AggregateEvent e, ConferenceSummary? summary, int sets)
    {
        Engine = engine;
        ConferenceId = e.ConferenceId;
        CompanyId = e.CompanyId ?? summary?.CompanyId;
        HostId = e.HostId ?? summary?.HostId;
        Sets = before = summary?.Sets ?? PresenceCounts.Empty(sets);
        OwnedKeys = summary?.OwnedKeys ?? 0;
        SeenKeys = summary?.SeenKeys ?? 0;
    }

    public ConferenceEngine Engine { get; }
    public long ConferenceId { get; }
    public long? CompanyId { get; set; }
    public long? HostId { get; }
    public PresenceCounts Sets { get; set; }
    public int OwnedKeys { get; set; }
    public int SeenKeys { get; set; }
    public List<(string Key, StateValue Value)> Last { get; } = [];
    public List<(string Key, StateValue Value, bool Over)> WithSummary { get; } = [];

    /// <summary>Keys the rules made the conference's while handling this event, appended to its owned list together.</summary>
    public List<string> Owned { get; } = [];
    public List<object> Signals { get; } = [];

    public int[] Deltas() => [.. Enumerable.Range(0, Engine.PresenceSetNames.Count).Select(i => Sets[i].Count - before[i].Count)];
}
