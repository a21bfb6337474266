using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.State;
using StreamWorker.Aggregates;
using StreamWorker.Events;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;

namespace StreamWorker.Topology;

/// <summary>
/// The conference stage: reads <c>webhook-events</c>, keeps each conference's whole state as one value of one
/// store (plus the partition's stream time under a reserved key, so it survives a restart), applies
/// <see cref="ConferenceAggregator"/> and forwards window records, attempt changes and dead letters.
/// </summary>
public sealed class ConferenceTransformer : ITransformer<string, byte[], string, StageOutput>
{
    /// <summary>Reserved key of the partition's stream time; conference keys are decimal ids, so it cannot clash.</summary>
    public const string StreamTimeKey = "~stream-time";

    private readonly ConferenceAggregator aggregator;
    private readonly ProcessorTelemetry telemetry;
    private readonly TopicOptions topics;
    private readonly TimeSpan cleanupInterval;
    private ProcessorContext<string, StageOutput>? context;
    private IKeyValueStore<string, byte[]>? store;
    private string task = "";
    private long streamTime = long.MinValue;
    private bool streamTimeRestored;

    /// <summary>Streamiz requires a parameterless constructor; the topology always passes its settings.</summary>
    public ConferenceTransformer()
        : this(AggregateSettings.Default, new TopicOptions(), ProcessorTelemetry.Shared)
    {
    }

    public ConferenceTransformer(AggregateSettings settings, TopicOptions topics, ProcessorTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(settings);
        this.topics = topics ?? throw new ArgumentNullException(nameof(topics));
        aggregator = new ConferenceAggregator(settings);
        this.telemetry = telemetry;
        cleanupInterval = TimeSpan.FromMilliseconds(Math.Min(settings.StateRetentionMs, (long)TimeSpan.FromMinutes(5).TotalMilliseconds));
    }

    public void Init(ProcessorContext<string, StageOutput> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        task = context.Id.ToString();
        store = (IKeyValueStore<string, byte[]>)context.GetStateStore(ProcessorTopology.ConferenceStore);
        streamTime = long.MinValue;
        streamTimeRestored = false;
        context.Schedule(cleanupInterval, PunctuationType.STREAM_TIME, DropExpiredConferences);
    }

    public Record<string, StageOutput>? Process(Record<string, byte[]> record)
    {
        ArgumentNullException.ThrowIfNull(record);
        RestoreStreamTime();
        if (!StoredEventReader.TryRead(record.Value, out var stored, out var error))
        {
            telemetry.EventRead("unknown", "unusable");
            DeadLetter(record.Key, null, "unusable", [new FieldError("value", error!)], DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, record.Timestamp.UnixTimestampMs)), BodyOf(record.Value));
            return null;
        }

        using var activity = StartActivity(record);
        var eventTime = stored!.Timestamp.ToUnixTimeMilliseconds();
        var streamTimeAdvanced = eventTime > streamTime;
        streamTime = Math.Max(streamTime, eventTime);
        var f = stored.Fields;
        var reading = AggregateEventFactory.Read(new EventRawFields(
            stored.EventId, stored.Event, eventTime, f.ConferenceId, f.CompanyId, f.HostId, f.ParticipantId, f.ReasonForLeaving, f.Status));
        var eventType = reading.Relevance == EventRelevance.Unknown ? "unknown" : stored.Event;
        switch (reading.Relevance)
        {
            case EventRelevance.Unknown:
                telemetry.EventRead(eventType, "unknown");
                break;
            case EventRelevance.NotConsumed:
                telemetry.EventRead(eventType, "ignored");
                break;
            case EventRelevance.Unusable:
                telemetry.EventRead(eventType, "unusable");
                DeadLetter(record.Key, stored.EventId, "unusable", [.. reading.Problems.Select(p => new FieldError(p.Key, p.Value))], stored.ReceivedAt, record.Value);
                break;
            default:
                Apply(record, stored, reading.Event!, eventType);
                break;
        }

        // After the conference's write: a restored stream time never runs ahead of the restored conferences.
        if (streamTimeAdvanced) store!.Put(StreamTimeKey, Encode(streamTime));
        return null;
    }

    public void Close() => telemetry.TaskClosed(task);

    /// <summary>
    /// Reads the saved stream time once, at the first record rather than in <see cref="Init"/>: Streamiz 1.8.2
    /// initialises the transformer before it has restored the store from the changelog, so a read in Init finds
    /// nothing after a restart or a partition move (found by the processor crash and scale-out tests).
    /// </summary>
    private void RestoreStreamTime()
    {
        if (streamTimeRestored) return;
        streamTimeRestored = true;
        if (store!.Get(StreamTimeKey) is { Length: 8 } saved) streamTime = Math.Max(streamTime, BinaryPrimitives.ReadInt64LittleEndian(saved));
    }

    private void Apply(Record<string, byte[]> record, StoredEvent stored, AggregateEvent e, string eventType)
    {
        var key = e.ConferenceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var state = store!.Get(key) is { } bytes ? StateCodec.DeserializeConference(bytes) : new ConferenceState(e.ConferenceId);
        var (participantsBefore, viewersBefore) = (state.Participants.Count, state.Viewers.Count);
        var outcomeBefore = e.ParticipantId is { } p && state.Attempts.TryGetValue(p, out var attempt) ? attempt.Outcome : (DialoutOutcome?)null;

        var result = aggregator.Apply(state, e, streamTime);

        telemetry.EventRead(eventType, result.Decision switch
        {
            EventDecision.Applied => "applied",
            EventDecision.Duplicate => "duplicate",
            _ => "late",
        });
        if (result.Participants is { } participants) Emit(key, OutputKind.Participants, OutputRecordJson.Serialize(participants), stored);
        if (result.LivestreamChurn is { } churn) Emit(key, OutputKind.LivestreamChurn, OutputRecordJson.Serialize(churn), stored);
        if (result.DialoutChange is { } change)
        {
            context!.Forward(change.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture), new StageOutput(OutputKind.DialoutAttemptChange, StateCodec.Serialize(change)));
            if (change.Outcome != DialoutOutcome.Pending && change.Outcome != outcomeBefore) telemetry.DialoutOutcomeReached(change.Outcome.ToString().ToLowerInvariant());
        }

        if (result.Decision == EventDecision.Late)
        {
            var message = $"late: the window of this event (or of its dial-out attempt) closed before stream time {OutputRecordJson.FormatTime(streamTime)}";
            DeadLetter(record.Key, stored.EventId, "late", [new FieldError("timestamp", message)], stored.ReceivedAt, record.Value);
        }

        if (result.StateChanged)
        {
            store.Put(key, StateCodec.Serialize(state));
            if (e.Kind == AggregateEventKind.LeaveLivestream && state.Viewers.Count < viewersBefore) telemetry.LivestreamLeft(stored.Fields.ReasonForLeaving!);
            telemetry.PresenceChanged(task, state.Participants.Count - participantsBefore, state.Viewers.Count - viewersBefore);
        }
    }

    private void Emit(string key, OutputKind kind, byte[] value, StoredEvent stored)
    {
        context!.Forward(key, new StageOutput(kind, value));
        telemetry.RecordEmitted(kind == OutputKind.Participants ? topics.Participants : topics.LivestreamChurn, stored.Timestamp, stored.ReceivedAt);
    }

    private void DeadLetter(string? key, string? eventId, string reason, IReadOnlyList<FieldError> errors, DateTimeOffset receivedAt, byte[]? body)
    {
        context!.Forward(key ?? "", new StageOutput(OutputKind.DeadLetter, DeadLetterRecord.Serialize(eventId, reason, errors, receivedAt, body)));
        telemetry.DeadLetterWritten(reason);
    }

    /// <summary>Drops conferences whose retention passed in stream time, and recounts the presence gauges.</summary>
    private void DropExpiredConferences(long punctuationTime)
    {
        var now = Math.Max(streamTime, punctuationTime);
        var expired = new List<string>();
        long participants = 0, viewers = 0;
        foreach (var (key, value) in store!.All())
        {
            if (key == StreamTimeKey) continue;
            var state = StateCodec.DeserializeConference(value);
            if (aggregator.IsExpired(state, now))
            {
                expired.Add(key);
                continue;
            }

            participants += state.Participants.Count;
            viewers += state.Viewers.Count;
        }

        expired.ForEach(k => store.Delete(k));
        telemetry.PresenceCounted(task, participants, viewers);
    }

    private Activity? StartActivity(Record<string, byte[]> record)
    {
        var source = telemetry.ActivitySource;
        if (!source.HasListeners()) return null;
        ActivityLink[]? links = null;
        if (record.Headers is { } headers && headers.TryGetLastBytes("traceparent", out var traceparent)
            && ActivityContext.TryParse(Encoding.ASCII.GetString(traceparent), null, out var parent))
        {
            links = [new ActivityLink(parent)];
        }

        return source.StartActivity("process webhook-events", ActivityKind.Consumer, default(ActivityContext), links: links);
    }

    private static byte[] Encode(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>An unparseable value goes to the dead-letter body as a JSON string (contract section 2).</summary>
    private static byte[] BodyOf(byte[]? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(value is null ? "" : Encoding.UTF8.GetString(value));
        }

        return buffer.WrittenSpan.ToArray();
    }
}
