namespace StreamWorker.Aggregates.Engine;

/// <summary>
/// What a <see cref="ConferenceRule"/> sees of the engine while one event is handled: the event's conference
/// (company and host after this event, presence sets), stream time, and the state store through the record's
/// <see cref="StageScope"/> (every write stamped with the record's offset and skipped on a replay that wrote it).
/// </summary>
public sealed class RuleContext
{
    private readonly StageScope scope;
    private readonly int firstSet;
    private readonly EventState state;

    internal RuleContext(StageScope scope, EventState state, int firstSet, long streamTimeMs)
    {
        this.scope = scope;
        this.state = state;
        this.firstSet = firstSet;
        StreamTimeMs = streamTimeMs;
    }

    public long ConferenceId => state.ConferenceId;

    /// <summary>The conference's company: the event's, else the last one an event of the conference named.</summary>
    public long? CompanyId => state.CompanyId;

    /// <summary>The conference's host: the event's, else the last one an event of the conference named.</summary>
    public long? HostId => state.HostId;

    public long StreamTimeMs { get; }

    /// <summary>The input offset of the record being handled.</summary>
    public long Offset => scope.Offset;

    public T? Get<T>(string key) where T : StateValue => scope.Get<T>(key);

    /// <summary>True when the event has no conference (its events are kept under its host, <see cref="StateKeys.HostScope"/>).</summary>
    public bool WithoutConference => state.ConferenceId < 0;

    /// <summary>True when <paramref name="key"/> holds this record's write from before a restart.</summary>
    public bool WrittenBefore(string key) => scope.WrittenBefore(key);

    /// <summary>Writes now, before the summary.</summary>
    public void Put(string key, StateValue value) => scope.Put(key, value, WriteRank.Derived);

    /// <summary>
    /// Writes with the conference summary (after the rules' other writes and the owned list, before <see cref="PutLast"/>):
    /// for a rule's own summary-like key, computed from its <see cref="PutLast"/> keys.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Its new value.</param>
    /// <param name="over">Write even over a write of this record from before a restart (<see cref="StageScope.Overwrite"/>).</param>
    public void PutWithSummary(string key, StateValue value, bool over = false) => state.WithSummary.Add((key, value, over));

    /// <summary>Writes after the summary: for keys that values written earlier were computed from.</summary>
    public void PutLast(string key, StateValue value) => state.Last.Add((key, value));

    /// <summary>Lists <paramref name="key"/> as the conference's, so that it is deleted with the conference at retention.</summary>
    public void Own(string key) => state.Owned.Add(key);

    /// <summary>The aggregates that apply this event (those that found it neither duplicate nor late).</summary>
    public AggregateSet AppliedBy { get; internal set; }

    /// <summary>The number the applying rules noted for this event (<see cref="ConferenceRule.NoteOf"/>), kept for its replays.</summary>
    public int Note { get; internal set; }

    /// <summary>The rule's presence set number <paramref name="set"/> (in the order of <see cref="ConferenceRule.PresenceSets"/>).</summary>
    public PresenceSet Set(int set) => new(this, state, firstSet + set);

    /// <summary>Deletes <paramref name="key"/> once this is committed: until then a replay finds it and emits the same records again.</summary>
    public void DeleteAfterCommit(string key) => scope.DeleteAfterCommit(key);

    /// <summary>Something for telemetry that only the rule knows (a viewer left for a reason, an attempt reached an outcome).</summary>
    public void Signal(object signal) => state.Signals.Add(signal);

    internal StageScope Scope => scope;
}
