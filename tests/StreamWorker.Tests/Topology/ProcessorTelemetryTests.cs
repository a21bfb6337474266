using System.Diagnostics.Metrics;
using StreamWorker.Telemetry;
using StreamWorker.Tests.Support;

namespace StreamWorker.Tests.Topology;

[Trait("Layer", "Unit")]
public sealed class ProcessorTelemetryTests : IDisposable
{
    private readonly ProcessorTelemetry telemetry = new(new TestMeterFactory(), TimeProvider.System);
    private readonly MeterListener listener = new();
    private readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> measurements = [];

    public ProcessorTelemetryTests()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, telemetry.Meter)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements) measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        listener.Start();
    }

    [Fact]
    public void EveryEventIsCountedWithItsTypeAndOutcome_AndDeadLettersWithTheirReason()
    {
        using var h = new TopologyHarness(telemetry: telemetry);
        h.Pipe("e1", "enter_conference", Time(10), Enter(1));
        h.Pipe("e1", "enter_conference", Time(10), Enter(1));
        h.Pipe("e2", "leave_conference", Time(0), Leave(1));
        h.Pipe("e3", "meeting_teleported", Time(10), new { conference_id = 1001 });
        h.Pipe("e4", "start_recording", Time(10), new { conference_id = 1001, host_id = 5, company_id = 77 });
        h.Pipe("e5", "leave_livestream", Time(10), new { conference_id = 1001, participant_id = 2 });
        h.Pipe("e6", "enter_livestream", Time(10), Watch(2));
        h.Pipe("e7", "leave_livestream", Time(10, 5), StopWatching(2, "host_kicked"));
        h.Pipe("d1", "dialout_status_change", Time(10, 6), Dial(3, "answered"));

        Assert.Equal(
            [
                ("enter_conference", "applied"), ("enter_conference", "duplicate"), ("leave_conference", "late"), ("unknown", "unknown"),
                ("start_recording", "applied"), ("leave_livestream", "unusable"), ("enter_livestream", "applied"), ("leave_livestream", "applied"),
                ("dialout_status_change", "applied"),
            ],
            Of("streamworker.processor.events").Select(m => ((string)m["event.type"]!, (string)m["outcome"]!)));
        Assert.Equal(["late", "unusable"], Of("streamworker.deadletter.writes").Select(m => (string)m["reason"]!));
        Assert.Equal(["host_kicked"], Of("streamworker.livestream.leaves").Select(m => (string)m["reason"]!));
        Assert.Equal(["answered"], Of("streamworker.dialout.outcomes").Select(m => (string)m["outcome"]!));
        // Per topic: the participants window, two churn updates, one dial-out window; a session record for each event
        // applied to the session (enter, start_recording, enter and leave of the viewer, the dial-out); a usage record
        // for each event the usage report counts (the join, the recording, the viewer, the attempt).
        Assert.Equal(
            [(h.Topics.Participants, 1), (h.Topics.LivestreamChurn, 2), (h.Topics.DialoutAnswerRate, 1), (h.Topics.Sessions, 5), (h.Topics.CompanyUsage, 4)],
            Of("streamworker.processor.records.emitted").GroupBy(m => (string)m["messaging.destination.name"]!).Select(g => (g.Key, g.Count()))
                .OrderBy(x => x.Key == h.Topics.Participants ? 0 : x.Key == h.Topics.LivestreamChurn ? 1 : x.Key == h.Topics.DialoutAnswerRate ? 2 : x.Key == h.Topics.Sessions ? 3 : 4));
    }

    public void Dispose()
    {
        listener.Dispose();
        telemetry.Dispose();
    }

    private List<Dictionary<string, object?>> Of(string instrument)
    {
        lock (measurements) return measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags).ToList();
    }
}
