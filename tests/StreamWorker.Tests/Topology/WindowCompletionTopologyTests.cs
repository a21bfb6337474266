using Microsoft.Extensions.Time.Testing;
using StreamWorker.Telemetry;
using StreamWorker.Tests.Support;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Topology;

/// <summary>Final records: one per window when stream time passes its end plus grace, and idle close on a quiet partition.</summary>
[Trait("Layer", "Unit")]
public sealed class WindowCompletionTopologyTests : IDisposable
{
    private readonly FakeTimeProvider wallClock = new(Origin.AddMinutes(2));
    private readonly ProcessorTelemetry telemetry;

    public WindowCompletionTopologyTests() => telemetry = new ProcessorTelemetry(new TestMeterFactory(), wallClock);

    [Fact]
    public void EveryWindow_GetsOneFinalRecord_EqualToItsLatest_AndNoneBeforeItCloses()
    {
        using var h = new TopologyHarness(new ProcessorOptions { IdleCloseAfter = TimeSpan.Zero });
        h.Pipe("e1", "enter_conference", Time(0, 10), Enter(1));
        h.Pipe("e2", "enter_conference", Time(0, 40), Enter(2));
        h.Pipe("e3", "leave_conference", Time(2, 59), Leave(1));
        Assert.DoesNotContain(h.Participants, r => r.Json.Contains("\"final\":true", StringComparison.Ordinal));

        h.Pipe("e4", "enter_conference", Time(3), Enter(3));

        Assert.Equal(
            [
                ParticipantsJson(0, joins: 1, leaves: 0, concurrent: 1, peak: 1),
                ParticipantsJson(0, joins: 2, leaves: 0, concurrent: 2, peak: 2),
                ParticipantsJson(2, joins: 0, leaves: 1, concurrent: 1, peak: 2, userExit: 1),
                ParticipantsJson(0, joins: 2, leaves: 0, concurrent: 2, peak: 2, final: true),
                ParticipantsJson(3, joins: 1, leaves: 0, concurrent: 2, peak: 2),
            ],
            h.Participants.Select(r => r.Json));
    }

    [Fact]
    public void AnEventForAWindowWithItsFinalRecord_IsLate_AndChangesNothing()
    {
        using var h = new TopologyHarness(new ProcessorOptions { IdleCloseAfter = TimeSpan.Zero });
        h.Pipe("e1", "enter_conference", Time(0, 10), Enter(1));
        h.Pipe("e2", "enter_conference", Time(3), Enter(2));
        var before = h.Participants.Count;

        h.Pipe("late", "enter_conference", Time(0, 50), Enter(3));

        Assert.Equal(before, h.Participants.Count);
        Assert.Equal("\"late\"", Assert.Single(h.DeadLetters).Field("event_id"));
    }

    [Fact]
    public void DialoutWindow_GetsItsFinalRecordAfterTheDialoutGrace_AndALaterOutcomeIsDeadLetteredAsLate()
    {
        using var h = new TopologyHarness();
        h.Pipe("d1", "dialout_status_change", Time(0), Dial(1, "new"));
        h.Pipe("d2", "dialout_status_change", Time(14), Dial(2, "new"));
        h.Pipe("d3", "dialout_status_change", Time(29, 59), Dial(1, "answered"));
        // The window [0,15) closes at stream time 30:00, and this event's own time brings stream time there.
        h.Pipe("d4", "dialout_status_change", Time(30), Dial(2, "answered"));

        // The last update, then (stream time 30:00 closed the window) the same record as the window's final one.
        Assert.Equal(DialoutJson(0, attempts: 2, rate: "1", answered: 1, pending: 1), h.Dialout[^2].Json);
        Assert.Equal(DialoutJson(0, attempts: 2, rate: "1", answered: 1, pending: 1, final: true), h.Dialout[^1].Json);
        var late = Assert.Single(h.DeadLetters);
        Assert.Equal("\"d4\"", late.Field("event_id"));
        Assert.Equal("\"late\"", late.Field("reason"));
    }

    [Fact]
    public void QuietPartition_ClosesItsWindows_OnceIdleForIdleCloseAfter()
    {
        using var h = new TopologyHarness(new ProcessorOptions { IdleCloseAfter = TimeSpan.FromSeconds(10) }, telemetry);
        h.Pipe("e1", "enter_conference", Time(0, 10), Enter(1));
        h.Pipe("e2", "enter_livestream", Time(0, 20), Watch(7));

        Advance(h, TimeSpan.FromSeconds(9));
        Assert.Equal(2, h.Participants.Count + h.Churn.Count);

        // Wall clock 3:10, idle for 70 s: stream time becomes 3:00, which closes [0:00, 0:01) (1 min + 2 min grace).
        Advance(h, TimeSpan.FromSeconds(61));
        Assert.Equal(ParticipantsJson(0, joins: 1, leaves: 0, concurrent: 1, peak: 1, final: true), h.Participants[^1].Json);
        Assert.Single(h.Churn);

        // Still idle: stream time keeps moving with the wall clock, and closes the churn window at 7:00.
        Advance(h, TimeSpan.FromMinutes(4));
        Assert.Equal(ChurnJson(0, atStart: 0, enters: 1, leaves: 0, peak: 1, rate: "0", final: true), h.Churn[^1].Json);
        Assert.Equal(2, h.Participants.Count);
    }

    [Fact]
    public void PartitionStillReading_IsNotIdle_HoweverOldItsEvents()
    {
        using var h = new TopologyHarness(new ProcessorOptions { IdleCloseAfter = TimeSpan.FromSeconds(10) }, telemetry);
        for (var i = 0; i < 30; i++)
        {
            h.Pipe($"e{i}", "enter_conference", Time(0, i), Enter(i));
            Advance(h, TimeSpan.FromSeconds(5));
        }

        Assert.DoesNotContain(h.Participants, r => r.Json.Contains("\"final\":true", StringComparison.Ordinal));
    }

    [Fact]
    public void PartitionThatNeverReadAnEvent_MovesWithTheWallClockToo()
    {
        // Idle from the start, the partition's stream time follows the wall clock (so that it does not hold back the
        // dial-out windows fed by the other partitions): an event older than that is late, as on any idle partition.
        using var h = new TopologyHarness(new ProcessorOptions { IdleCloseAfter = TimeSpan.FromSeconds(10) }, telemetry);

        Advance(h, TimeSpan.FromMinutes(10));
        h.Pipe("e1", "enter_conference", Time(0, 10), Enter(1));
        h.Pipe("e2", "enter_conference", Time(12), Enter(2));

        Assert.Equal([ParticipantsJson(12, joins: 1, leaves: 0, concurrent: 1, peak: 1)], h.Participants.Select(r => r.Json));
        Assert.Equal("\"e1\"", Assert.Single(h.DeadLetters).Field("event_id"));
    }

    public void Dispose() => telemetry.Dispose();

    private void Advance(TopologyHarness h, TimeSpan by)
    {
        wallClock.Advance(by);
        h.AdvanceWallClock(by);
    }
}
