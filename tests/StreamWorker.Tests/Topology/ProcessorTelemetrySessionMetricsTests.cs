using System.Diagnostics.Metrics;
using StreamWorker.Telemetry;
using StreamWorker.Tests.Support;

namespace StreamWorker.Tests.Topology;

/// <summary>
/// The session and usage instruments of docs/telemetry.md (design: conference sessions, company usage): their names,
/// units and bounded attributes as a listener sees them, and what each method the stages call adds. The Prometheus
/// form of the same instruments is checked by <c>ProcessorMetricsScrapeTests</c>.
/// </summary>
[Trait("Layer", "Unit")]
public sealed class ProcessorTelemetrySessionMetricsTests : IDisposable
{
    private readonly ProcessorTelemetry telemetry = new(new TestMeterFactory(), TimeProvider.System);
    private readonly MeterListener listener = new();
    private readonly Dictionary<string, Instrument> instruments = new(StringComparer.Ordinal);
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = [];

    public ProcessorTelemetrySessionMetricsTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (!ReferenceEquals(instrument.Meter, telemetry.Meter)) return;
            lock (instruments) instruments[instrument.Name] = instrument;
            l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        listener.Start();
    }

    [Theory]
    [InlineData("streamworker.sessions.open", "{session}", "ObservableGauge")]
    [InlineData("streamworker.sessions.ended", "{session}", "Counter")]
    [InlineData("streamworker.sessions.participant_time", "s", "Counter")]
    [InlineData("streamworker.sessions.recording_time", "s", "Counter")]
    [InlineData("streamworker.processor.events.unattributed", "{event}", "Counter")]
    [InlineData("streamworker.access_code.reuses", "{event}", "Counter")]
    public void Instrument_HasTheDocumentedNameUnitAndKind(string name, string unit, string kind)
    {
        Instrument instrument;
        lock (instruments) instrument = instruments[name];

        Assert.Equal(unit, instrument.Unit);
        Assert.StartsWith(kind, instrument.GetType().Name, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(instrument.Description));
    }

    [Fact]
    public void OpenSessions_AreSummedOverTasks_AndATaskClosedTakesItsSessionsAway()
    {
        telemetry.SessionsChanged("0_0", 3);
        telemetry.SessionsChanged("0_1", 2);
        telemetry.SessionsChanged("0_0", -1);
        Assert.Equal([4d], Observe("streamworker.sessions.open"));

        telemetry.PresenceChanged("0_1", 5, 1);
        telemetry.TaskClosed("0_1");
        Assert.Equal([2d], Observe("streamworker.sessions.open"));
        Assert.Equal([0d], Observe("streamworker.conference.participants"));

        telemetry.SessionsChanged("0_1", 1);
        Assert.Equal([3d], Observe("streamworker.sessions.open"));
    }

    [Fact]
    public void SessionEnded_CountsTheSessionByReason_AndAddsItsParticipantAndRecordingTime()
    {
        telemetry.SessionEnded("conference_end", participantSeconds: 5400, recordingSeconds: 1200.5);
        telemetry.SessionEnded("timeout", participantSeconds: 60, recordingSeconds: 0);

        Assert.Equal(
            [("conference_end", 1d), ("timeout", 1d)],
            Of("streamworker.sessions.ended").Select(m => ((string)m.Tags["reason"]!, m.Value)));
        Assert.Equal([5400d, 60d], Of("streamworker.sessions.participant_time").Select(m => m.Value));
        Assert.Equal([1200.5, 0d], Of("streamworker.sessions.recording_time").Select(m => m.Value));
        Assert.All(Of("streamworker.sessions.participant_time").Concat(Of("streamworker.sessions.recording_time")), m => Assert.Empty(m.Tags));
    }

    [Fact]
    public void SessionEnded_NeverAddsANegativeOrNonFiniteTime()
    {
        telemetry.SessionEnded("timeout", participantSeconds: -3, recordingSeconds: double.NaN);

        Assert.Equal([0d], Of("streamworker.sessions.participant_time").Select(m => m.Value));
        Assert.Equal([0d], Of("streamworker.sessions.recording_time").Select(m => m.Value));
    }

    [Fact]
    public void EventUnattributed_CarriesEventTypeAndOutcomeOnly()
    {
        telemetry.EventUnattributed("leave_conference", "no_session");
        telemetry.EventUnattributed("drive_file_added", "no_company");

        var counted = Of("streamworker.processor.events.unattributed");
        Assert.Equal(
            [("leave_conference", "no_session"), ("drive_file_added", "no_company")],
            counted.Select(m => ((string)m.Tags["event.type"]!, (string)m.Tags["outcome"]!)));
        Assert.All(counted, m => Assert.Equal(["event.type", "outcome"], m.Tags.Keys.Order(StringComparer.Ordinal)));
        Assert.All(counted, m => Assert.Equal(1d, m.Value));
    }

    [Fact]
    public void AccessCodeReused_CountsOneWithoutAttributes()
    {
        telemetry.AccessCodeReused();
        telemetry.AccessCodeReused();

        var counted = Of("streamworker.access_code.reuses");
        Assert.Equal([1d, 1d], counted.Select(m => m.Value));
        Assert.All(counted, m => Assert.Empty(m.Tags));
    }

    public void Dispose()
    {
        listener.Dispose();
        telemetry.Dispose();
    }

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible
    {
        var entry = (instrument.Name, value.ToDouble(System.Globalization.CultureInfo.InvariantCulture), tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
        lock (measurements) measurements.Add(entry);
    }

    private List<double> Observe(string instrument)
    {
        lock (measurements) measurements.Clear();
        listener.RecordObservableInstruments();
        return Of(instrument).Select(m => m.Value).ToList();
    }

    private List<(double Value, Dictionary<string, object?> Tags)> Of(string instrument)
    {
        lock (measurements) return measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToList();
    }
}
