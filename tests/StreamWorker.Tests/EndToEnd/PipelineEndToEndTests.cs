using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using StreamWorker.Events;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// HTTP posts to the gateway, through the embedded broker and the processor (role all, one process), to the
/// output topics read by a real consumer: the exact records of docs/aggregates.md for a small scenario.
/// </summary>
public sealed class PipelineEndToEndTests() : RoleAllTest(Conference, Company, Host, T0, Settings)
{
    // One events partition: the dial-out window closes as soon as that partition's stream time passes it (with more,
    // it waits for every partition, the quiet ones by idle close: QuietPartitionDialoutEndToEndTests).
    private static readonly Dictionary<string, string?> Settings = new() { ["Topics:Partitions"] = "1" };

    private const long Conference = 5001;
    private const long Company = 77;
    private const long Host = 3;
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Scenario_ProducesExactlyTheContractRecords()
    {
        await Sw.WaitUntilReadyAsync(Timeout);

        await PostAcceptedAsync("enter_conference", 5, ("participant_id", 1));
        await PostAcceptedAsync("enter_conference", 10, ("participant_id", 2));
        await PostAcceptedAsync("enter_conference", 10, ("participant_id", 2));          // re-delivery: ignored
        await PostAcceptedAsync("enter_livestream", 20, ("participant_id", 11));
        await PostAcceptedAsync("enter_livestream", 25, ("participant_id", 12));
        await PostAcceptedAsync("dialout_status_change", 30, ("participant_id", 21), ("status", "new"));
        await PostAcceptedAsync("dialout_status_change", 35, ("participant_id", 21), ("status", "dialed"));
        await PostAcceptedAsync("dialout_status_change", 40, ("participant_id", 22), ("status", "new"));
        await PostAcceptedAsync("leave_conference", 50, ("participant_id", 1), ("reason_for_leaving", "user_exit"));
        await PostAcceptedAsync("dialout_status_change", 50, ("participant_id", 21), ("status", "answered"));
        await PostAcceptedAsync("leave_livestream", 60, ("participant_id", 11), ("reason_for_leaving", "host_kicked"));
        await PostAcceptedAsync("dialout_status_change", 60, ("participant_id", 21), ("status", "rejected")); // pressed 2 after answering
        await PostAcceptedAsync("enter_conference", 65, ("participant_id", 1));          // rejoin
        await PostAcceptedAsync("conference_end", 90, ("company_id", null));             // empties both sets; company as last seen
        await PostAcceptedAsync("dialout_status_change", 100, ("participant_id", 22), ("status", "noanswer"));
        await PostAcceptedAsync("dialout_status_change", 120, ("participant_id", 23), ("status", "notenabled"));
        await PostAcceptedAsync("enter_conference", 10, ("participant_id", 2));          // the same re-delivery, minutes later
        using (var unknown = await Sw.PostAsync(WebhookSamples.Body("breakout_room_opened", $$"""{"conference_id":{{Conference}},"host_id":{{Host}}}""", T0.AddSeconds(130))))
        {
            Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        }

        await PostAcceptedAsync("conference_start", 30 * 60);                            // stream time jumps to 08:30
        var lateId = await PostAcceptedAsync("enter_conference", 15, ("participant_id", 9)); // its window closed at 08:03: late

        var participants = OutputTopics.Latest(Sw, TopicNames.Participants, l => l.Count >= 2 && l.Values.All(v => v["final"]!.GetValue<bool>()), Timeout);
        AssertRecords(participants, "5001", new()
        {
            ["2026-11-27T08:00:00.000Z"] = Participants("08:00", "08:01", joins: 2, leaves: 1, concurrent: 1, peak: 2, userExit: 1, ended: 0),
            ["2026-11-27T08:01:00.000Z"] = Participants("08:01", "08:02", joins: 1, leaves: 2, concurrent: 0, peak: 2, userExit: 0, ended: 2),
        });

        var churn = OutputTopics.Latest(Sw, TopicNames.LivestreamChurn, l => l.Values.Any(v => v["final"]!.GetValue<bool>()), Timeout);
        AssertRecords(churn, "5001", new()
        {
            ["2026-11-27T08:00:00.000Z"] = JsonNode.Parse($$"""
                {"conference_id":5001,"company_id":77,"window_start":"2026-11-27T08:00:00.000Z","window_end":"2026-11-27T08:05:00.000Z",
                 "viewers_at_start":0,"enters":2,"leaves":2,
                 "leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":1,"host_kicked_blocked":0},
                 "peak_viewers":2,"churn_rate":1.0,"final":true}
                """)!.AsObject(),
        });

        var dialout = OutputTopics.Latest(Sw, TopicNames.DialoutAnswerRate, l => l.Values.Any(v => v["final"]!.GetValue<bool>()), Timeout);
        AssertRecords(dialout, "77", new()
        {
            ["2026-11-27T08:00:00.000Z"] = JsonNode.Parse("""
                {"company_id":77,"window_start":"2026-11-27T08:00:00.000Z","window_end":"2026-11-27T08:15:00.000Z",
                 "attempts":3,"answered":1,"rejected":0,"noanswer":1,"cancelled":0,"notenabled":1,"pending":0,"answer_rate":0.5,"final":true}
                """)!.AsObject(),
        });

        var deadLetters = Sw.Reader(TopicNames.DeadLetter).ReadUntil(r => r.Count > 0, Timeout)
            .Select(r => JsonDocument.Parse(r.Message.Value).RootElement.Clone()).ToList();
        var late = Assert.Single(deadLetters);
        Assert.Equal("late", late.GetProperty("reason").GetString());
        Assert.Equal(lateId, late.GetProperty("event_id").GetString());
    }

    private static JsonObject Participants(string start, string end, int joins, int leaves, int concurrent, int peak, int userExit, int ended) =>
        new()
        {
            ["conference_id"] = Conference,
            ["company_id"] = Company,
            ["host_id"] = Host,
            ["window_start"] = $"2026-11-27T{start}:00.000Z",
            ["window_end"] = $"2026-11-27T{end}:00.000Z",
            ["joins"] = joins,
            ["leaves"] = leaves,
            ["concurrent"] = concurrent,
            ["peak_concurrent"] = peak,
            ["leaves_by_reason"] = new JsonObject
            {
                ["user_exit"] = userExit, ["user_dropped"] = 0, ["host_kicked"] = 0, ["host_kicked_blocked"] = 0, ["conference_end"] = ended,
            },

            // Stream time 08:30 closed both windows: the latest record of each is its final one.
            ["final"] = true,
        };

    private static void AssertRecords(Dictionary<(string Key, string WindowStart), JsonObject> actual, string key, Dictionary<string, JsonObject> expected)
    {
        var forKey = actual.Where(a => a.Key.Key == key).ToDictionary(a => a.Key.WindowStart, a => a.Value);
        Assert.Equal(expected.Keys.Order(), forKey.Keys.Order());
        foreach (var (windowStart, record) in expected)
        {
            Assert.True(JsonNode.DeepEquals(record, forKey[windowStart]), $"window {windowStart}\nexpected {record.ToJsonString()}\nactual   {forKey[windowStart].ToJsonString()}");
        }
    }
}
