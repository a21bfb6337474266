using System.Globalization;
using System.Text;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Topology;

/// <summary>
/// The wiring adds nothing and loses nothing: a long mixed sequence (two conferences in one partition, two
/// companies, re-deliveries, out-of-order and late events) gives exactly the records the pure aggregates compute.
/// </summary>
[Trait("Layer", "Unit")]
public class TopologyEquivalenceTests
{
    private static readonly string[] Statuses = ["new", "dialed", "answered", "rejected", "noanswer", "cancelled", "notenabled"];
    private static readonly string[] Reasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomScenario_TopologyEmitsWhatTheAggregatesCompute(int seed)
    {
        var random = new Random(seed);
        var settings = new ProcessorOptions().ToAggregateSettings();
        var conferences = new ConferenceEngine(settings, new MemoryStageStore());
        var companies = new CompanyStage(settings, new MemoryStageStore());
        long changeOffset = 0;
        var expected = (Participants: new List<string>(), Churn: new List<string>(), Dialout: new List<string>(), Late: new List<string>(), Sessions: new List<string>(), Usage: new List<string>());
        var delivered = new List<(string Id, string Name, long Time, object Payload)>();
        using var h = new TopologyHarness();

        for (var i = 0; i < 400; i++)
        {
            var (id, name, time, payload) = delivered.Count > 0 && random.Next(8) == 0
                ? delivered[random.Next(delivered.Count)]
                : NewEvent(random, i);
            delivered.Add((id, name, time, payload));
            h.Pipe(id, name, DateTimeOffset.FromUnixTimeMilliseconds(time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), payload);

            var fields = System.Text.Json.JsonSerializer.SerializeToElement(payload);
            long? Id(string field) => fields.TryGetProperty(field, out var v) ? v.GetInt64() : null;
            string? Text(string field) => fields.TryGetProperty(field, out var v) ? v.GetString() : null;
            var reading = AggregateEventFactory.Read(new EventRawFields(
                id, name, time, Id("conference_id"), Id("company_id"), Id("host_id"), Id("participant_id"), Text("reason_for_leaving"), Text("status"), Id("size")));
            if (reading.Event is not { } e)
            {
                Closed(conferences.Observe(time, i));
                continue;
            }

            var result = conferences.Process(e, i);
            Closed(result.Closed);
            if (result.Output<ParticipantsRecord>() is { } p) expected.Participants.Add(Encoding.UTF8.GetString(OutputRecordJson.Serialize(p)));
            if (result.Output<LivestreamChurnRecord>() is { } c) expected.Churn.Add(Encoding.UTF8.GetString(OutputRecordJson.Serialize(c)));
            if (result.Decision == EventDecision.Late) expected.Late.Add($"\"{id}\"");
            foreach (var output in result.Outputs)
            {
                if (output is SessionRecord session) expected.Sessions.Add(Encoding.UTF8.GetString(OutputRecordJson.Serialize(session)));
                else if (output is DialoutAttemptChange change) Company(change);
                else if (output is UsageCount count) Company(count with { Source = 0, SourceOffset = i });
            }
        }

        void Closed(ClosedWindows closed)
        {
            expected.Participants.AddRange(closed.Of<ParticipantsRecord>().Select(r => Encoding.UTF8.GetString(OutputRecordJson.Serialize(r))));
            expected.Churn.AddRange(closed.Of<LivestreamChurnRecord>().Select(r => Encoding.UTF8.GetString(OutputRecordJson.Serialize(r))));
            expected.Sessions.AddRange(closed.Of<SessionRecord>().Select(r => Encoding.UTF8.GetString(OutputRecordJson.Serialize(r))));
            if (closed.ProgressMs is { } progress) Company(DialoutAttemptChange.Progress(0, 1, 0, progress));
        }

        void Company(CompanyChange change)
        {
            foreach (var record in companies.Apply(change, changeOffset++).Records)
            {
                if (record is CompanyUsageRecord usage) expected.Usage.Add(Encoding.UTF8.GetString(OutputRecordJson.Serialize(usage)));
                else expected.Dialout.Add(Encoding.UTF8.GetString(OutputRecordJson.Serialize((DialoutAnswerRateRecord)record)));
            }
        }

        Assert.Equal(expected.Participants, h.Participants.Select(r => r.Json));
        Assert.Contains(expected.Participants, r => r.Contains("\"final\":true", StringComparison.Ordinal));
        Assert.Contains(expected.Dialout, r => r.Contains("\"final\":true", StringComparison.Ordinal));
        Assert.Equal(expected.Churn, h.Churn.Select(r => r.Json));
        Assert.Equal(expected.Dialout, h.Dialout.Select(r => r.Json));
        Assert.Equal(expected.Sessions, h.Sessions.Select(r => r.Json));
        Assert.Equal(expected.Usage, h.Usage.Select(r => r.Json));
        Assert.Contains(expected.Sessions, r => r.Contains("\"end_reason\":\"conference_end\"", StringComparison.Ordinal));
        Assert.Equal(expected.Late, h.DeadLetters.Select(r => r.Field("event_id")));
        Assert.NotEmpty(expected.Late);
        Assert.True(expected.Dialout.Count > 30 && expected.Participants.Count > 30 && expected.Churn.Count > 30, $"{expected.Dialout.Count} {expected.Participants.Count} {expected.Churn.Count}");
    }

    /// <summary>Times mostly move forward with jitter of up to ±4 minutes, so some events are out of order or late.</summary>
    private static (string Id, string Name, long Time, object Payload) NewEvent(Random random, int i)
    {
        var time = Origin.ToUnixTimeMilliseconds() + (i * 15_000L) + random.Next(-240_000, 240_000);
        var conference = 1001 + random.Next(2);
        var company = conference == 1001 ? 77 : 78;
        var participant = random.Next(6);
        var id = "r" + i.ToString(CultureInfo.InvariantCulture);
        return random.Next(11) switch
        {
            0 or 1 => (id, "enter_conference", time, new { host_id = 5, company_id = company, conference_id = conference, participant_id = participant, participant_role = "participant" }),
            2 => (id, "leave_conference", time, new { host_id = 5, company_id = company, conference_id = conference, participant_id = participant, participant_role = "participant", reason_for_leaving = Reasons[random.Next(4)] }),
            3 or 4 => (id, "enter_livestream", time, new { host_id = 5, company_id = company, conference_id = conference, participant_id = participant }),
            5 => (id, "leave_livestream", time, new { host_id = 5, company_id = company, conference_id = conference, participant_id = participant, reason_for_leaving = Reasons[random.Next(4)] }),
            6 when random.Next(4) == 0 => (id, "conference_end", time, new { host_id = 5, conference_id = conference }),
            6 => (id, "start_recording", time, new { host_id = 5, company_id = company, conference_id = conference }),
            _ => (id, "dialout_status_change", time, new { host_id = 5, company_id = company, conference_id = conference, participant_id = participant, status = Statuses[random.Next(7)] }),
        };
    }
}
