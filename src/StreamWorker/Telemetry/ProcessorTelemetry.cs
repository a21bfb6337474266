using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace StreamWorker.Telemetry;

/// <summary>
/// The processor's <see cref="Meter"/> and <see cref="ActivitySource"/> (docs/telemetry.md), created through DI like
/// <see cref="GatewayTelemetry"/>; the topology hands this instance to the stages it builds. Attributes are bounded:
/// event type (known names or <c>unknown</c>), outcome, reason, topic, state; never an id.
/// </summary>
public sealed class ProcessorTelemetry : IDisposable
{
    public const string Name = "StreamWorker.Processor";

    private readonly Counter<long> events;
    private readonly Counter<long> recordsEmitted;
    private readonly Counter<long> deadLetters;
    private readonly Histogram<double> outputDelay;
    private readonly Counter<long> livestreamLeaves;
    private readonly Counter<long> dialoutOutcomes;
    private readonly Counter<long> windowsClosed;
    private readonly Counter<long> threadsFenced;
    private readonly Counter<long> recordsSkipped;
    private readonly Counter<long> stateWrites;
    private readonly Counter<long> sessionsEnded;
    private readonly Counter<double> participantTime;
    private readonly Counter<double> recordingTime;
    private readonly Counter<long> eventsUnattributed;
    private readonly Counter<long> accessCodeReuses;
    private readonly ConcurrentDictionary<string, (long Participants, long Viewers)> presenceByTask = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> sessionsByTask = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> consumerLag = new(StringComparer.Ordinal);
    private volatile string streamState = "CREATED";
    private volatile int consuming;

    /// <param name="meterFactory">Creates <see cref="Meter"/>; the host's is the one OpenTelemetry listens to.</param>
    /// <param name="timeProvider">Wall-clock time for output delays and idle close (a fake one in tests).</param>
    public ProcessorTelemetry(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        Time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        var meter = Meter = meterFactory.Create(Name);
        events = meter.CreateCounter<long>("streamworker.processor.events", "{event}", "Events read by the processor, by type and outcome");
        recordsEmitted = meter.CreateCounter<long>("streamworker.processor.records.emitted", "{record}", "Aggregate records emitted per output topic");
        deadLetters = meter.CreateCounter<long>("streamworker.deadletter.writes", "{record}", "Dead-letter records written");
        outputDelay = meter.CreateHistogram<double>("streamworker.processor.output.delay", "s", "Delay from event time or gateway receive time to output");
        livestreamLeaves = meter.CreateCounter<long>("streamworker.livestream.leaves", "{viewer}", "Applied livestream leaves by reason");
        dialoutOutcomes = meter.CreateCounter<long>("streamworker.dialout.outcomes", "{attempt}", "Dial-out attempts reaching an outcome");
        windowsClosed = meter.CreateCounter<long>("streamworker.processor.windows.closed", "{window}", "Windows closed (final record emitted) per output topic and reason");
        stateWrites = meter.CreateCounter<long>("streamworker.processor.state.writes", "{write}", "Writes and deletes of the stages' state stores (each one a changelog record)");
        recordsSkipped = meter.CreateCounter<long>("streamworker.processor.records.skipped", "{record}", "Records of the input topic never read: removed by retention before the processor reached them");
        threadsFenced = meter.CreateCounter<long>("streamworker.processor.threads.fenced", "{event}", "Stream threads found fenced out of the consumer group (they lost their partitions)");
        meter.CreateObservableGauge("streamworker.processor.consuming", () => consuming, "{instance}", "1 while the instance consumes what it owns (stream threads RUNNING with partitions, none fenced), else 0");
        meter.CreateObservableGauge("streamworker.processor.stream.state", () => new Measurement<int>(1, new KeyValuePair<string, object?>("state", streamState)), "{thread}", "1 for the current Streamiz state");
        meter.CreateObservableGauge(
            "messaging.kafka.consumer.lag",
            () => consumerLag.Select(l => new Measurement<long>(l.Value, new KeyValuePair<string, object?>("messaging.destination.name", l.Key))),
            "{message}",
            "Records of the input topic not yet committed by the processor's consumer group");
        meter.CreateObservableGauge("streamworker.conference.participants", () => presenceByTask.Values.Sum(p => p.Participants), "{participant}", "Participants present, all conferences of this instance");
        meter.CreateObservableGauge("streamworker.livestream.viewers", () => presenceByTask.Values.Sum(p => p.Viewers), "{viewer}", "Livestream viewers present");
        meter.CreateObservableGauge("streamworker.sessions.open", () => sessionsByTask.Values.Sum(), "{session}", "Conference sessions open on this instance");
        sessionsEnded = meter.CreateCounter<long>("streamworker.sessions.ended", "{session}", "Conference sessions ended, by end reason");
        participantTime = meter.CreateCounter<double>("streamworker.sessions.participant_time", "s", "Participant-time of conference sessions, added when they end");
        recordingTime = meter.CreateCounter<double>("streamworker.sessions.recording_time", "s", "Recording time of conference sessions, added when they end");
        eventsUnattributed = meter.CreateCounter<long>("streamworker.processor.events.unattributed", "{event}", "Events counted in no conference session (no_session) or no company usage (no_company), by type and outcome");
        accessCodeReuses = meter.CreateCounter<long>("streamworker.access_code.reuses", "{event}", "Applied one_time_access_code_reused events");
    }

    public ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>This instance's meter (tests listen to one instance; the host registers the name).</summary>
    public Meter Meter { get; }

    public TimeProvider Time { get; }

    public void EventRead(string eventType, string outcome) =>
        events.Add(1, new KeyValuePair<string, object?>("event.type", eventType), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>A record emitted to <paramref name="topic"/>; the company stage no longer knows the receive time.</summary>
    public void RecordEmitted(string topic, DateTimeOffset eventTime, DateTimeOffset? receivedAt)
    {
        recordsEmitted.Add(1, new KeyValuePair<string, object?>("messaging.destination.name", topic));
        var now = Time.GetUtcNow();
        outputDelay.Record(Math.Max(0, (now - eventTime).TotalSeconds), new KeyValuePair<string, object?>("delay.from", "event_time"));
        if (receivedAt is { } received) outputDelay.Record(Math.Max(0, (now - received).TotalSeconds), new KeyValuePair<string, object?>("delay.from", "receive_time"));
    }

    public void DeadLetterWritten(string reason) =>
        deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("component", "processor"));

    public void LivestreamLeft(string reason) => livestreamLeaves.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void DialoutOutcomeReached(string outcome) => dialoutOutcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Adds a change of the presence sets of one stream task.</summary>
    public void PresenceChanged(string task, long participantsDelta, long viewersDelta) =>
        presenceByTask.AddOrUpdate(task, (participantsDelta, viewersDelta), (_, p) => (p.Participants + participantsDelta, p.Viewers + viewersDelta));

    /// <summary>A window closed and its final record was emitted; <paramref name="reason"/> is <c>stream_time</c> or <c>idle</c>.</summary>
    public void WindowClosed(string topic, string reason) =>
        windowsClosed.Add(1, new KeyValuePair<string, object?>("topic", topic), new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Sessions opened (positive delta) or ended, by conference_end or timeout (negative), by one stream task.</summary>
    public void SessionsChanged(string task, long openDelta) => sessionsByTask.AddOrUpdate(task, openDelta, (_, open) => open + openDelta);

    /// <summary>
    /// A session ended (<paramref name="reason"/> <c>conference_end</c> or <c>timeout</c>); its participant-time and
    /// recording time are added at once, so they count when the session ends.
    /// </summary>
    public void SessionEnded(string reason, double participantSeconds, double recordingSeconds)
    {
        sessionsEnded.Add(1, new KeyValuePair<string, object?>("reason", reason));
        participantTime.Add(NonNegative(participantSeconds));
        recordingTime.Add(NonNegative(recordingSeconds));
    }

    /// <summary>An event that found no open session (<c>no_session</c>) or no company (<c>no_company</c>).</summary>
    public void EventUnattributed(string eventType, string outcome) =>
        eventsUnattributed.Add(1, new KeyValuePair<string, object?>("event.type", eventType), new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>An applied <c>one_time_access_code_reused</c> event: a security signal (alert StreamWorkerAccessCodeReuse).</summary>
    public void AccessCodeReused() => accessCodeReuses.Add(1);

    /// <summary>The task's partitions went elsewhere: its presence and open sessions are counted by their new owner.</summary>
    public void TaskClosed(string task)
    {
        presenceByTask.TryRemove(task, out _);
        sessionsByTask.TryRemove(task, out _);
    }

    public void StreamStateChanged(string state) => streamState = state;

    public void ConsumingChanged(bool now) => consuming = now ? 1 : 0;

    public void ThreadFenced() => threadsFenced.Add(1);

    public void StateWritten() => stateWrites.Add(1);

    public void RecordsSkipped(string topic, long count) => recordsSkipped.Add(count, new KeyValuePair<string, object?>("messaging.destination.name", topic));

    /// <summary>The consumer group's lag on <paramref name="topic"/>, summed over its partitions.</summary>
    public void ConsumerLagMeasured(string topic, long lag) => consumerLag[topic] = lag;

    private static double NonNegative(double seconds) => double.IsFinite(seconds) && seconds > 0 ? seconds : 0;

    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
