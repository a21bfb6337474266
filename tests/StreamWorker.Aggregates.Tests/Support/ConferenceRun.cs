
namespace StreamWorker.Aggregates.Tests.Support;

/// <summary>
/// Drives both stages as the topology does, in memory: one partition, events at consecutive offsets, dial-out
/// changes fed to the company stage, final records collected as windows close.
/// </summary>
internal sealed class ConferenceRun
{
    private readonly ConferenceEngine conferences;
    private readonly CompanyStage companies;
    private long offset;
    private long changeOffset;

    /// <param name="settings">Windows and grace; the defaults when null.</param>
    /// <param name="store">The conference stage's store, as restored; empty when null.</param>
    /// <param name="firstOffset">The input offset of the first event.</param>
    /// <param name="cacheKeys">
    /// Keys the conference stage holds back between commits (<see cref="CachingStageStore"/>, as the topology does);
    /// 0 writes every change through at once.
    /// </param>
    public ConferenceRun(AggregateSettings? settings = null, MemoryStageStore? store = null, long firstOffset = 0, int cacheKeys = 64)
    {
        Settings = settings ?? AggregateSettings.Default;
        Store = store ?? new MemoryStageStore();
        Cache = cacheKeys > 0 ? new CachingStageStore(Store, new WriteCacheBudget(cacheKeys)) : null;
        conferences = new ConferenceEngine(Settings, (IStageStore?)Cache ?? Store);
        companies = new CompanyStage(Settings, CompanyStore);
        offset = firstOffset;
    }

    public AggregateSettings Settings { get; }
    /// <summary>The conference stage's store as the changelog has it (what a crash leaves); <see cref="Flush"/> first to see every change.</summary>
    public MemoryStageStore Store { get; }

    public CachingStageStore? Cache { get; }

    /// <summary>The conference stage's store with every change in it (the cache flushed).</summary>
    public MemoryStageStore State => Flushed().Store;
    public MemoryStageStore CompanyStore { get; } = new();
    public List<ConferenceStepResult> Results { get; } = [];
    public List<DialoutAnswerRateRecord> DialoutRecords { get; } = [];
    public List<ParticipantsRecord> FinalParticipants { get; } = [];
    public List<LivestreamChurnRecord> FinalChurn { get; } = [];
    public List<DialoutAnswerRateRecord> FinalDialout { get; } = [];

    /// <summary>Every session record emitted, updates and final records, in order.</summary>
    public List<SessionRecord> SessionRecords { get; } = [];

    /// <summary>Every company usage record emitted, updates and final records, in order.</summary>
    public List<CompanyUsageRecord> UsageRecords { get; } = [];

    /// <summary>Every attempt change, usage count and progress record sent to the company stage, in order (the repartition topic).</summary>
    public List<CompanyChange> SentChanges { get; } = [];

    /// <summary>Every participants record emitted, updates and final records, in order.</summary>
    public List<ParticipantsRecord> ParticipantsRecords { get; } = [];

    /// <summary>Every churn record emitted, updates and final records, in order.</summary>
    public List<LivestreamChurnRecord> ChurnRecords { get; } = [];

    public long StreamTime => conferences.StreamTimeMs ?? long.MinValue;

    public DialoutAnswerRateRecord LastDialout => DialoutRecords[^1];

    /// <summary>True while the conference stage remembers <paramref name="eventId"/> of <see cref="Events.Conference"/>.</summary>
    public bool HasSeen(string eventId) => Flushed().Store.Read(StateKeys.Seen(Events.Conference, eventId)) is not null;

    /// <summary>Participants present in <see cref="Events.Conference"/>, read from the store's keys.</summary>
    public IReadOnlySet<long> Participants => Present("p");

    /// <summary>Livestream viewers present in <see cref="Events.Conference"/>.</summary>
    public IReadOnlySet<long> Viewers => Present("v");

    public ConferenceStepResult Apply(AggregateEvent e)
    {
        var at = offset++;
        var result = conferences.Process(e, at);
        Results.Add(result);
        FinalParticipants.AddRange(result.Closed.Of<ParticipantsRecord>());
        FinalChurn.AddRange(result.Closed.Of<LivestreamChurnRecord>());
        ParticipantsRecords.AddRange(result.Closed.Of<ParticipantsRecord>());
        ChurnRecords.AddRange(result.Closed.Of<LivestreamChurnRecord>());
        SessionRecords.AddRange(result.Closed.Of<SessionRecord>());

        if (result.Closed.ProgressMs is { } earlier) ApplyChange(DialoutAttemptChange.Progress(0, 1, 0, earlier));
        if (result.Output<DialoutAttemptChange>() is { } change) ApplyChange(change);
        if (result.Output<UsageCount>() is { } count) ApplyChange(count with { Source = 0, SourceOffset = at });
        SessionRecords.AddRange(result.Outputs.OfType<SessionRecord>());
        if (result.Output<ParticipantsRecord>() is { } p) ParticipantsRecords.Add(p);
        if (result.Output<LivestreamChurnRecord>() is { } c) ChurnRecords.Add(c);
        return result;
    }

    public ConferenceRun ApplyAll(params AggregateEvent[] events)
    {
        foreach (var e in events) Apply(e);
        return this;
    }

    /// <summary>Advances stream time as an event of another conference in the same partition would.</summary>
    public void AdvanceStreamTime(long time) => Collect(conferences.Observe(time, offset++));

    /// <summary>Advances stream time as idle close does.</summary>
    public void AdvanceIdle(long time) => Collect(conferences.AdvanceIdle(time));

    /// <summary>Feeds an attempt change, usage count or progress record to the company stage (as the repartition topic delivers it).</summary>
    public void ApplyChange(CompanyChange change)
    {
        SentChanges.Add(change);
        foreach (var record in companies.Apply(change, changeOffset++).Records)
        {
            if (record is CompanyUsageRecord usage)
            {
                UsageRecords.Add(usage);
                continue;
            }

            var dialout = (DialoutAnswerRateRecord)record;
            DialoutRecords.Add(dialout);
            if (dialout.Final) FinalDialout.Add(dialout);
        }
    }

    /// <summary>A commit of both stages (deferred deletes run at the second commit after they were made).</summary>
    public void Commit()
    {
        Flush();
        Store.Commit();
        CompanyStore.Commit();
    }

    /// <summary>
    /// The conference store's keys and values, without offsets and without the stream time (which every event moves):
    /// a presence as whether the member is present, a summary's presence sets by their sizes.
    /// </summary>
    public string Fingerprint() => Flushed().Fingerprint0();

    /// <summary>Sends what the cache holds back to <see cref="Store"/> (a commit does).</summary>
    public void Flush() => Cache?.Flush();

    private ConferenceRun Flushed()
    {
        Flush();
        return this;
    }

    /// <summary>
    /// Session timeout checks are left out: a check is a reminder that looks at the session again when drained, and a
    /// replay that finds the session moved on by the replayed event files the next one by the session as it finds it
    /// (a later bucket): when the check runs may differ, never what it decides.
    /// </summary>
    private string Fingerprint0() => string.Join("\n", Store.Keys.Where(k => k != StateKeys.StreamTime && !k.StartsWith("q/timeout-", StringComparison.Ordinal)).Select(k => k + "=" + Describe(k, Store.Read(k)!)));

    private string Describe(string key, StateValue value) =>
        value switch
        {
            KeyChunk chunk => string.Join(",", chunk.Items),
            SeenEvent seen => (seen with { Offset = 0, FirstOffset = 0 }).ToString(),
            PresenceValue presence => IsPresent(key, presence) ? "present" : "absent",
            SessionState session => (session with { Offset = 0, StartOffset = 0 }).ToString(),
            SessionMember member => (member with { Offset = 0, EnteredAt = member.EnteredAt < 0 ? -1 : 0 }).ToString(),
            ConferenceSummary summary => (summary with { Offset = 0, Sets = new PresenceCounts(Enumerable.Range(0, summary.Sets.Length).Select(i => (summary.Sets[i].Count, 0L))) }).ToString(),
            _ => (value with { Offset = 0 }).ToString(),
        };

    /// <summary>A member key (<c>p/&lt;conference&gt;/&lt;id&gt;</c> or <c>v/...</c>) is present when written after its set's last clear.</summary>
    private bool IsPresent(string key, PresenceValue presence)
    {
        var parts = key.Split('/');
        var summary = Store.Read(StateKeys.Summary(long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture))) as ConferenceSummary;
        return presence.Present && presence.Offset > (summary?.Sets[parts[0] == "p" ? 0 : 1].ClearedAt ?? -1);
    }

    private void Collect(ClosedWindows closed)
    {
        FinalParticipants.AddRange(closed.Of<ParticipantsRecord>());
        FinalChurn.AddRange(closed.Of<LivestreamChurnRecord>());
        ParticipantsRecords.AddRange(closed.Of<ParticipantsRecord>());
        ChurnRecords.AddRange(closed.Of<LivestreamChurnRecord>());
        SessionRecords.AddRange(closed.Of<SessionRecord>());
        if (closed.ProgressMs is { } progress) ApplyChange(DialoutAttemptChange.Progress(0, 1, 0, progress));
    }

    private HashSet<long> Present(string kind)
    {
        Flush();
        if (Store.Read(StateKeys.Summary(Events.Conference)) is not ConferenceSummary summary) return [];
        var clearedAt = summary.Sets[kind == "p" ? 0 : 1].ClearedAt;
        var prefix = $"{kind}/{Events.Conference}/";
        return Store.Keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Where(k => Store.Read(k) is PresenceValue { Present: true } p && p.Offset > clearedAt)
            .Select(k => long.Parse(k[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
    }
}
