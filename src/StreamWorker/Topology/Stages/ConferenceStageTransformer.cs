using System.Globalization;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using StreamWorker.Events;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Topology.State;

namespace StreamWorker.Topology.Stages;

/// <summary>
/// The conference stage in the topology: decodes each stored event, hands it to <see cref="ConferenceEngine"/> with
/// its offset, and forwards what comes out (window records, final records, attempt changes, dead letters).
/// </summary>
public sealed class ConferenceStageTransformer : ITransformer<string, byte[], string, StageOutput>
{
    private readonly AggregateSettings settings;
    private readonly TopicOptions topics;
    private readonly ProcessorTelemetry telemetry;
    private readonly CommitSignals commits;
    private readonly WriteCacheBudget writeCache;
    private readonly TimeSpan idleCloseAfter;
    private readonly TimeProvider time;
    private readonly int eventsPartitions;
    private readonly ProcessorLiveness? liveness;
    private readonly RetentionLoss? retentionLoss;
    private ProcessorContext<string, StageOutput>? context;
    private DateTimeOffset lastRead;
    private StreamizStageStore? store;
    private CachingStageStore? cache;
    private ConferenceEngine? stage;
    private int participantsSet = -1;
    private int viewersSet = -1;
    private InputPositions positions = new();
    private string task = "";
    private int commitsSeen;
    private long lastOffset = -1;
    private (long StreamTimeMs, int AfterCommit)? idleProgress;

    /// <param name="settings">Windows, grace periods and retention.</param>
    /// <param name="topics">Topic names (for telemetry).</param>
    /// <param name="telemetry">The processor's meters and activity source.</param>
    /// <param name="commits">Where the stage's store reports its task's commits.</param>
    /// <param name="writeCache">The keys the stages of this processor may hold back between commits, together.</param>
    /// <param name="idleCloseAfter"><c>Processor:IdleCloseAfter</c>; zero turns idle close off.</param>
    /// <param name="time">Wall-clock time for idle close (a fake one in tests).</param>
    /// <param name="eventsPartitions">Partitions of the events topic: the company partitions that hear this partition's progress.</param>
    /// <param name="liveness">Told when this task starts and closes; null in tests of the topology alone.</param>
    /// <param name="retentionLoss">Told of records removed by retention before this task read them.</param>
    public ConferenceStageTransformer(
        AggregateSettings settings, TopicOptions topics, ProcessorTelemetry telemetry, CommitSignals commits, WriteCacheBudget writeCache, TimeSpan idleCloseAfter, TimeProvider time,
        int eventsPartitions, ProcessorLiveness? liveness = null, RetentionLoss? retentionLoss = null)
    {
        this.retentionLoss = retentionLoss;
        this.liveness = liveness;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPartitions);
        this.eventsPartitions = eventsPartitions;
        this.idleCloseAfter = idleCloseAfter;
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        this.topics = topics ?? throw new ArgumentNullException(nameof(topics));
        this.telemetry = telemetry ?? throw new ArgumentNullException(nameof(telemetry));
        this.commits = commits ?? throw new ArgumentNullException(nameof(commits));
        this.writeCache = writeCache ?? throw new ArgumentNullException(nameof(writeCache));
    }

    public void Init(ProcessorContext<string, StageOutput> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        task = context.Id.ToString();
        store = new StreamizStageStore((IKeyValueStore<string, StateValue>)context.GetStateStore(ProcessorTopology.ConferenceStore), telemetry.StateWritten);
        // Nothing is read here: Streamiz initialises the transformer before it restores the stores from their
        // changelogs, so the stage reads its stream time and queues from the store at the first record.
        cache = new CachingStageStore(store, writeCache);
        stage = new ConferenceEngine(settings, cache);
        participantsSet = IndexOf(stage.PresenceSetNames, "participants");
        viewersSet = IndexOf(stage.PresenceSetNames, "viewers");
        positions = new InputPositions();
        commits.Subscribe(context.Id, OnCommit);
        liveness?.TaskStarted(ProcessorTopology.ConferenceStore, context.Id.ToString());
        lastRead = time.GetUtcNow();
        if (idleCloseAfter > TimeSpan.Zero) context.Schedule(IdleCheckInterval(idleCloseAfter), PunctuationType.PROCESSING_TIME, _ => CloseIfIdle());
    }

    /// <summary>How often an idle partition is looked at: often enough that windows close within a second or so of being due.</summary>
    public static TimeSpan IdleCheckInterval(TimeSpan idleCloseAfter) => idleCloseAfter < TimeSpan.FromSeconds(2) ? idleCloseAfter / 2 : TimeSpan.FromSeconds(1);

    /// <summary>
    /// Idle close: when the partition has read no record for <c>Processor:IdleCloseAfter</c>, its stream time moves to
    /// wall-clock time minus that, never backwards. A partition still reading (catching up, replaying) is not idle; one
    /// that has read nothing yet moves too, so that it does not hold back the dial-out windows of the others.
    /// The progress this tells the company stage waits for the commit that stores the moved stream time: announced
    /// before, a crash could bring back the older stream time, under which a later event would still be on time.
    /// </summary>
    private void CloseIfIdle()
    {
        store!.RunDue();
        SendIdleProgressOnceCommitted();
        var now = time.GetUtcNow();
        if (now - lastRead < idleCloseAfter) return;
        var closed = stage!.AdvanceIdle((now - idleCloseAfter).ToUnixTimeMilliseconds());
        if (closed.ProgressMs is { } progress)
        {
            idleProgress = (progress, commitsSeen);
            closed.ProgressMs = null;
            context!.Commit();
        }

        EmitClosed(closed, "idle");
    }

    /// <summary>
    /// The events topic has no gaps of its own (no compaction, no transaction markers: the gateway's producer is
    /// idempotent, not transactional), so a record further than one past the last one read in this task, or past the
    /// stored progress for a task's first record, means the records between were removed by retention unread.
    /// </summary>
    private void NoteSkippedRecords(long read)
    {
        var next = lastOffset >= 0 ? lastOffset + 1 : stage!.StoredProgressOffset + 1;
        lastOffset = Math.Max(lastOffset, read);
        if (next is { } expected && read > expected) retentionLoss?.Skipped(context!.Topic, context.Partition.Value, expected, read);
    }

    /// <summary>Sends the progress of an idle move once the commit that stores the moved stream time has completed.</summary>
    private void SendIdleProgressOnceCommitted()
    {
        if (idleProgress is not { } due || commitsSeen <= due.AfterCommit) return;
        idleProgress = null;
        SendProgress(due.StreamTimeMs);
    }

    /// <summary>
    /// The task commits (Streamiz is flushing its stores, before it flushes the producer and commits the offsets): the
    /// writes held back since the last commit go to the changelog now, then deferred deletes become due.
    /// </summary>
    private void OnCommit()
    {
        commitsSeen++;
        cache!.Flush();
        store!.OnCommit();
    }

    /// <summary>One progress record per company partition, each placed on its own by <see cref="CompanyPartitioner"/>.</summary>
    private void SendProgress(long streamTimeMs)
    {
        var key = context!.Id.Partition.ToString(CultureInfo.InvariantCulture);
        for (var target = 0; target < eventsPartitions; target++)
        {
            context.Forward(key, new StageOutput(OutputKind.CompanyChange, DialoutAttemptChange.Progress(context.Id.Partition, eventsPartitions, target, streamTimeMs)));
        }
    }

    public Record<string, StageOutput>? Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lastRead = time.GetUtcNow();
        SendIdleProgressOnceCommitted();
        store!.RunDue();
        NoteSkippedRecords(context!.Offset);
        var offset = positions.Next(context.Offset);
        if (!StoredEventReader.TryRead(record.Value, out var stored, out var error))
        {
            stage!.Skip(offset);
            telemetry.EventRead("unknown", "unusable");
            DeadLetter(record.Key, DeadLetters.Unusable(null, [new FieldError("value", error!)], DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, record.Timestamp.UnixTimestampMs)), DeadLetters.AsJsonString(record.Value)), DeadLetterReasons.Unusable);
            return null;
        }

        using var activity = ProcessingActivity.Start(telemetry.ActivitySource, record);
        var eventTime = stored!.Timestamp.ToUnixTimeMilliseconds();
        var f = stored.Fields;
        var reading = AggregateEventFactory.Read(new EventRawFields(
            stored.EventId, stored.Event, eventTime, f.ConferenceId, f.CompanyId, f.HostId, f.ParticipantId, f.ReasonForLeaving, f.Status, f.Size));
        switch (reading.Relevance)
        {
            case EventRelevance.Unknown:
                telemetry.EventRead("unknown", "unknown");
                EmitClosed(stage!.Observe(eventTime, offset), "stream_time");
                break;
            case EventRelevance.NotConsumed:
                telemetry.EventRead(stored.Event, "ignored");
                EmitClosed(stage!.Observe(eventTime, offset), "stream_time");
                break;
            case EventRelevance.Unusable:
                telemetry.EventRead(stored.Event, "unusable");
                EmitClosed(stage!.Observe(eventTime, offset), "stream_time");
                DeadLetter(record.Key, DeadLetters.Unusable(stored.EventId, [.. reading.Problems.Select(p => new FieldError(p.Key, p.Value))], stored.ReceivedAt, record.Value), DeadLetterReasons.Unusable);
                break;
            default:
                Apply(record, stored, reading.Event!, offset);
                break;
        }

        return null;
    }

    public void Close()
    {
        if (context is not null) commits.Unsubscribe(context.Id);
        cache?.Abandon();
        telemetry.TaskClosed(task);
        if (context is not null) liveness?.TaskClosed(ProcessorTopology.ConferenceStore, context.Id.ToString());
    }

    private void Apply(Record<string, byte[]> record, StoredEvent stored, AggregateEvent e, long offset)
    {
        var result = stage!.Process(e, offset);
        EmitClosed(result.Closed, "stream_time");
        telemetry.EventRead(stored.Event, result.Decision switch
        {
            EventDecision.Applied => "applied",
            EventDecision.Duplicate => "duplicate",
            _ => "late",
        });

        foreach (var rawOutput in result.Outputs)
        {
            // A usage count names where it was read, so that the company stage knows it again when it is sent again.
            var output = rawOutput is UsageCount count ? count with { Source = context!.Partition.Value, SourceOffset = context.Offset } : rawOutput;
            var (kind, key) = ConferenceOutputs.Route(output);
            context!.Forward(key, new StageOutput(kind, output));
            if (ConferenceOutputs.Topic(kind, topics) is { } topic) telemetry.RecordEmitted(topic, stored.Timestamp, stored.ReceivedAt);
        }

        foreach (var signal in result.Signals)
        {
            if (signal is ViewerLeft) telemetry.LivestreamLeft(stored.Fields.ReasonForLeaving!);
            else if (signal is Unattributed unattributed) telemetry.EventUnattributed(stored.Event, unattributed.Outcome);
            else Signalled(signal);
        }

        PresenceChanged(result.SetDeltas);
        if (result.Decision == EventDecision.Late)
        {
            DeadLetter(record.Key, DeadLetters.Late(stored.EventId, stage.StreamTimeMs ?? e.TimeMs, stored.ReceivedAt, record.Value), DeadLetterReasons.Late);
        }
    }

    private void EmitClosed(ClosedWindows closed, string reason)
    {
        foreach (var final in closed.Finals)
        {
            var (kind, key) = ConferenceOutputs.Route(final);
            context!.Forward(key, new StageOutput(kind, final));
            telemetry.WindowClosed(ConferenceOutputs.Topic(kind, topics)!, reason);
        }

        if (closed.ProgressMs is { } progress) SendProgress(progress);
        PresenceChanged([.. closed.Dropped.Select(n => -n)]);
        foreach (var signal in closed.Signals) Signalled(signal);
    }

    /// <summary>Telemetry for what a rule signalled that needs nothing of the event.</summary>
    private void Signalled(object signal)
    {
        switch (signal)
        {
            case DialoutOutcomeReached reached:
                telemetry.DialoutOutcomeReached(reached.Outcome.ToString().ToLowerInvariant());
                break;
            case SessionSignal { Ended: null }:
                telemetry.SessionsChanged(task, +1);
                break;
            case SessionSignal { Ended: { } reason } ended:
                telemetry.SessionsChanged(task, -1);
                telemetry.SessionEnded(OutputRecordJson.EndReasonName(reason)!, ended.ParticipantMs / 1000.0, ended.RecordingMs / 1000.0);
                break;
            case AccessCodeReused:
                telemetry.AccessCodeReused();
                break;
        }
    }

    private void PresenceChanged(IReadOnlyList<int> deltas)
    {
        int Delta(int set) => set >= 0 && set < deltas.Count ? deltas[set] : 0;
        if (deltas.Any(d => d != 0)) telemetry.PresenceChanged(task, Delta(participantsSet), Delta(viewersSet));
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }

    private void DeadLetter(string? key, StageOutput letter, string reason)
    {
        context!.Forward(key ?? "", letter);
        telemetry.DeadLetterWritten(reason);
    }
}
