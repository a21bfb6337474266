using System.Globalization;
using System.Text;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Topology;

[Trait("Layer", "Unit")]
public class CommonRulesTopologyTests
{
    [Fact]
    public void LateBeyondGrace_ChangesNothing_AndIsDeadLetteredOnceWithTheEvent()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(0, 10), Enter(1));
        h.Pipe("e2", "enter_conference", Time(3), Enter(2));
        // conference_end at 00:50 is late for participants (closed at 03:00) but not for churn ([0,5) open until 07:00).
        h.Pipe("e3", "conference_end", Time(0, 50), End());
        h.Pipe("e4", "leave_conference", Time(3, 10), Leave(2));

        var late = Assert.Single(h.DeadLetters);
        Assert.Equal(Conference, late.Key);
        Assert.Equal("\"e3\"", late.Field("event_id"));
        Assert.Equal("\"late\"", late.Field("reason"));
        Assert.Equal("\"conference_end\"", late.Value["body"]!["event"]!.ToJsonString());
        Assert.Contains("timestamp", late.Value["errors"]!.AsObject().Select(e => e.Key));
        // Participant 1 is still present: the late conference_end did not empty the set.
        Assert.Equal(ParticipantsJson(3, joins: 1, leaves: 1, concurrent: 1, peak: 2, userExit: 1), h.Participants[^1].Json);
        Assert.Equal(ChurnJson(0, atStart: 0, enters: 0, leaves: 0, peak: 0, rate: "null"), h.Churn.Single().Json);
    }

    [Fact]
    public void LateEventThatWouldChangeNothing_IsDeadLetteredAgainWhenRedelivered()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "enter_conference", Time(10), Enter(1));
        h.Pipe("e2", "leave_conference", Time(0), Leave(99));
        h.Pipe("e2", "leave_conference", Time(0), Leave(99));

        Assert.Equal(2, h.DeadLetters.Count);
        Assert.Single(h.Participants);
    }

    [Fact]
    public void UnknownEventType_IsSkipped_ButMovesStreamTime()
    {
        using var h = new TopologyHarness();
        h.Pipe("u1", "meeting_teleported", Time(10), new { conference_id = 1001, host_id = 5 });
        h.Pipe("e1", "enter_conference", Time(0), Enter(1));

        Assert.Empty(h.Participants);
        Assert.Equal("\"e1\"", Assert.Single(h.DeadLetters).Field("event_id"));
    }

    [Fact]
    public void KnownEventNoAggregateUses_EmitsNothing()
    {
        using var h = new TopologyHarness();
        h.Pipe("r1", "start_recording", Time(0), new { conference_id = 1001, host_id = 5, company_id = 77 });

        Assert.Empty(h.Participants.Concat(h.Churn).Concat(h.Dialout).Concat(h.DeadLetters));
    }

    [Fact]
    public void ConsumedEventMissingAField_IsDeadLetteredAsUnusable()
    {
        using var h = new TopologyHarness();
        h.Pipe("e1", "leave_conference", Time(0), new { conference_id = 1001, host_id = 5, company_id = 77, participant_id = 3 });

        var record = Assert.Single(h.DeadLetters);
        Assert.Equal("\"unusable\"", record.Field("reason"));
        Assert.Equal("[\"payload.reason_for_leaving\"]", "[" + string.Join(",", record.Value["errors"]!.AsObject().Select(e => $"\"{e.Key}\"")) + "]");
        Assert.Empty(h.Participants);
    }

    [Fact]
    public void UnparseableRecord_IsDeadLetteredWithItsTextAsBody()
    {
        using var h = new TopologyHarness();
        h.PipeRaw("1001", Encoding.UTF8.GetBytes("{not json"));

        var record = Assert.Single(h.DeadLetters);
        Assert.Equal("null", record.Field("event_id"));
        Assert.Equal("\"{not json\"", record.Field("body"));
    }

    [Fact]
    public void StreamTime_IsKeptInTheConferenceStore()
    {
        // The test driver does not commit: the store is read with every change written through.
        using var h = new TopologyHarness(new ProcessorOptions { WriteCacheKeys = 0 });
        h.Pipe("e1", "enter_conference", Time(7), Enter(1));
        h.Pipe("e2", "enter_conference", Time(6), Enter(2));

        var saved = h.Store(ProcessorTopology.ConferenceStore).Single(kv => kv.Key == StateKeys.StreamTime).Value;
        Assert.Equal(Origin.AddMinutes(7).ToUnixTimeMilliseconds(), Assert.IsType<MarkValue>(saved).Value);
    }

    [Fact]
    public void ConferenceState_IsDroppedAfterRetentionOfStreamTime()
    {
        using var h = new TopologyHarness(new ProcessorOptions { StateRetention = TimeSpan.FromMinutes(30), WriteCacheKeys = 0 });
        h.Pipe("e1", "enter_conference", Time(0), Enter(1));
        h.Pipe("x1", "enter_conference", Time(20), new { host_id = 5, company_id = 77, conference_id = 2002, participant_id = 1 });
        Assert.Contains(StateKeys.Summary(long.Parse(Conference, CultureInfo.InvariantCulture)), h.Store(ProcessorTopology.ConferenceStore).Select(kv => kv.Key));

        h.Pipe("x2", "enter_conference", Time(40), new { host_id = 5, company_id = 77, conference_id = 2002, participant_id = 2 });

        var keys = h.Store(ProcessorTopology.ConferenceStore).Select(kv => kv.Key).ToList();
        Assert.DoesNotContain(keys, k => k.Contains("/" + Conference, StringComparison.Ordinal) && !k.StartsWith("wp/", StringComparison.Ordinal));
        Assert.Contains(StateKeys.Summary(2002), keys);
    }

    [Fact]
    public void InternalTopics_AreTheNamedStoresChangelogsAndTheRepartition()
    {
        Assert.Equal(
            ["app-conference-state-changelog", "app-company-state-changelog", "app-company-changes-repartition"],
            ProcessorTopology.InternalTopics(new ProcessorOptions { ApplicationId = "app" }));
    }
}
