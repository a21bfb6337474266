using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using StreamWorker.Events;
using StreamWorker.Tests.Support.Oracle;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// An independent check of docs/aggregates.md: a seeded, realistic scenario is posted to a real StreamWorker
/// (role all, embedded broker, one partition so that stream time is that of the whole input), and the analytics
/// topics and late dead letters must equal what a naive reference implementation (ContractOracle) computes from
/// the stored events in read order.
/// </summary>
public sealed class ContractOracleTests
{
    private const int Seed = 20261127;
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 6, 0, 3, TimeSpan.Zero);
    private static readonly TimeSpan OutputTimeout = TimeSpan.FromSeconds(40);
    private static readonly DateTimeOffset HandWorkedStart = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Trait("Layer", "Integration")]
    [Theory]
    [InlineData("at_least_once", 1)]
    [InlineData("exactly_once", 3)]
    public async Task ProcessorOutput_ForSeededScenario_EqualsTheOracle(string guarantee, int brokers)
    {
        await using var sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Role"] = "all", ["Topics:Partitions"] = "1", ["Processor:Guarantee"] = guarantee, ["Kafka:Embedded:Brokers"] = brokers.ToString(CultureInfo.InvariantCulture),
        });
        await WaitUntilReady(sw);

        var deliveries = OracleScenario.GenerateWithAllEventKinds(Seed, Start, steps: 400);
        for (var i = 0; i < deliveries.Count; i++)
        {
            using var response = await sw.PostAsync(deliveries[i].Body);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"delivery {i} ({deliveries[i].Event}) got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var bootstrap = sw.Kafka.BootstrapServers;
        var stored = TopicSnapshot.Read(bootstrap, TopicNames.Events, TimeSpan.FromSeconds(20))
            .Select(m => JsonNode.Parse(m.Value)!.AsObject()).ToList();
        Assert.Equal(deliveries.Count, stored.Count);

        var expected = ContractOracle.Run(stored, sessionsAndUsage: true);
        AssertScenarioCoversTheRules(expected);

        var differences = await OracleComparison.UntilEqualAsync(bootstrap, expected, OutputTimeout, lateMayRepeat: false, TimeSpan.FromSeconds(1));
        Assert.True(differences.Count == 0, $"{differences.Count} differences from the oracle:\n" + string.Join("\n", differences.Take(40)));
    }

    /// <summary>Guards the scenario itself: a change of seed or generator must still exercise the hard rules.</summary>
    private static void AssertScenarioCoversTheRules(OracleResult expected)
    {
        Assert.True(expected.LateEventIds.Count >= 3, $"late events: {expected.LateEventIds.Count}");
        Assert.Contains(expected.Participants.Values, r => r["leaves_by_reason"]!["conference_end"]!.GetValue<int>() > 0);
        Assert.Contains(expected.Participants.Values, r => r["peak_concurrent"]!.GetValue<int>() > r["concurrent"]!.GetValue<int>());
        Assert.Contains(expected.Churn.Values, r => r["viewers_at_start"]!.GetValue<int>() > 0 && r["churn_rate"] is not null);
        Assert.Contains(expected.Dialout.Values, r => r["answered"]!.GetValue<int>() > 0 && r["rejected"]!.GetValue<int>() > 0);
        Assert.Contains(expected.Dialout.Values, r => r["pending"]!.GetValue<int>() > 0);
        Assert.Contains(expected.Dialout.Values, r => r["notenabled"]!.GetValue<int>() > 0);
        Assert.Contains(expected.Dialout.Values, r => r["cancelled"]!.GetValue<int>() > 0);
        Assert.Contains(expected.Dialout.Values, r => r["noanswer"]!.GetValue<int>() > 0);
        Assert.True(expected.Participants.Count >= 20 && expected.Churn.Count >= 10 && expected.Dialout.Count >= 6, $"records: {expected.Participants.Count}/{expected.Churn.Count}/{expected.Dialout.Count}");
    }

    private static async Task WaitUntilReady(StreamWorkerInstance sw)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await sw.Http.GetAsync("/readyz");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("StreamWorker did not become ready");
    }

    /// <summary>
    /// The oracle itself against records worked out by hand from docs/aggregates.md and docs/topology.md, so that a
    /// match with the processor means both follow the text rather than share a misreading.
    /// </summary>
    [Trait("Layer", "Unit")]
    [Fact]
    public void Oracle_HandWorkedScenario_FollowsTheContractDecisions()
    {
        var events = new List<JsonObject>
        {
            Stored("e1", "enter_livestream", "00:10", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":101}"""),
            Stored("e2", "enter_conference", "00:10", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":1}"""),
            Stored("e3", "conference_start", "03:50", """{"conference_id":5002,"company_id":77,"host_id":4}"""),
            // Late for the 1-minute participants window (closed at 08:03), applied to the 5-minute churn window.
            Stored("e4", "conference_end", "00:20", """{"conference_id":5001,"host_id":3}"""),
            Stored("e4", "conference_end", "00:20", """{"conference_id":5001,"host_id":3}"""), // dead-lettered again, churn duplicate
            Stored("e6", "dialout_status_change", "04:00", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":21,"status":"answered"}"""),
            Stored("e7", "dialout_status_change", "04:10", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":21,"status":"rejected"}"""),
            Stored("e8", "dialout_status_change", "16:00", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":21,"status":"new"}"""), // re-dial
            Stored("e9", "dialout_status_change", "16:30", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":21,"status":"noanswer"}"""),
            Stored("e10", "dialout_status_change", "01:00", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":22,"status":"new"}"""),
            Stored("e11", "breakout_room_opened", "31:00", """{"conference_id":5002,"host_id":4}"""), // unknown, still moves stream time
            Stored("e12", "dialout_status_change", "05:00", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":22,"status":"dialed"}"""), // attempt window closed at 08:30
            Stored("e13", "dialout_status_change", "17:00", """{"conference_id":5001,"company_id":77,"host_id":3,"participant_id":21,"status":"answered"}"""),
            Stored("e14", "dialout_status_change", "31:05", """{"conference_id":5001,"company_id":78,"host_id":3,"participant_id":23,"status":"new"}"""),
            Stored("e15", "conference_end", "31:10", """{"conference_id":5001,"host_id":3}"""), // company 78 last seen on a dial-out event
        };

        var result = ContractOracle.Run(events);

        // Final stream time 08:31:10 has closed the 08:00 windows (participants at 08:03, churn at 08:07, dial-out at
        // 08:30), not the later ones.

        Assert.Equal(["e4", "e4", "e12"], result.LateEventIds);
        AssertRecord(result.Participants, "5001", "08:00", """
            {"conference_id":5001,"company_id":77,"host_id":3,"window_start":"2026-11-27T08:00:00.000Z","window_end":"2026-11-27T08:01:00.000Z",
             "joins":1,"leaves":0,"concurrent":1,"peak_concurrent":1,
             "leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0,"conference_end":0},
             "final":true}
            """);
        AssertRecord(result.Participants, "5001", "08:31", """
            {"conference_id":5001,"company_id":78,"host_id":3,"window_start":"2026-11-27T08:31:00.000Z","window_end":"2026-11-27T08:32:00.000Z",
             "joins":0,"leaves":1,"concurrent":0,"peak_concurrent":1,
             "leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0,"conference_end":1},
             "final":false}
            """);
        AssertRecord(result.Churn, "5001", "08:00", """
            {"conference_id":5001,"company_id":77,"window_start":"2026-11-27T08:00:00.000Z","window_end":"2026-11-27T08:05:00.000Z",
             "viewers_at_start":0,"enters":1,"leaves":1,"leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0},
             "peak_viewers":1,"churn_rate":1.0,"final":true}
            """);
        AssertRecord(result.Churn, "5001", "08:30", """
            {"conference_id":5001,"company_id":78,"window_start":"2026-11-27T08:30:00.000Z","window_end":"2026-11-27T08:35:00.000Z",
             "viewers_at_start":0,"enters":0,"leaves":0,"leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0},
             "peak_viewers":0,"churn_rate":null,"final":false}
            """);
        AssertRecord(result.Dialout, "77", "08:00", """
            {"company_id":77,"window_start":"2026-11-27T08:00:00.000Z","window_end":"2026-11-27T08:15:00.000Z",
             "attempts":2,"answered":1,"rejected":0,"noanswer":0,"cancelled":0,"notenabled":0,"pending":1,"answer_rate":1.0,"final":true}
            """);
        AssertRecord(result.Dialout, "77", "08:15", """
            {"company_id":77,"window_start":"2026-11-27T08:15:00.000Z","window_end":"2026-11-27T08:30:00.000Z",
             "attempts":1,"answered":1,"rejected":0,"noanswer":0,"cancelled":0,"notenabled":0,"pending":0,"answer_rate":1.0,"final":false}
            """);
        AssertRecord(result.Dialout, "78", "08:30", """
            {"company_id":78,"window_start":"2026-11-27T08:30:00.000Z","window_end":"2026-11-27T08:45:00.000Z",
             "attempts":1,"answered":0,"rejected":0,"noanswer":0,"cancelled":0,"notenabled":0,"pending":1,"answer_rate":null,"final":false}
            """);
        Assert.Equal(2, result.Participants.Count);
        Assert.Equal(2, result.Churn.Count);
        Assert.Equal(3, result.Dialout.Count);
    }

    private static JsonObject Stored(string id, string name, string minutesSeconds, string payload) => new()
    {
        ["event_id"] = id,
        ["event"] = name,
        ["timestamp"] = ContractOracle.FormatTime((HandWorkedStart + TimeSpan.ParseExact(minutesSeconds, @"mm\:ss", null)).ToUnixTimeMilliseconds()),
        ["payload"] = JsonNode.Parse(payload),
    };

    private static void AssertRecord(Dictionary<(string Key, string WindowStart), JsonObject> records, string key, string hourMinute, string expected)
    {
        var windowStart = $"2026-11-27T{hourMinute}:00.000Z";
        Assert.True(records.TryGetValue((key, windowStart), out var actual), $"no record for {key} {windowStart}");
        var differences = JsonRecordDiff.Compare("oracle", new() { [(key, windowStart)] = JsonNode.Parse(expected)!.AsObject() }, new() { [(key, windowStart)] = actual });
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }
}
