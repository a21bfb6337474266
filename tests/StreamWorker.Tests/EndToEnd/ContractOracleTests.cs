using System.Net;
using System.Text.Json.Nodes;
using StreamWorker.Tests.Support;
using StreamWorker.Tests.Support.Oracle;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// An independent check of contract section 3: a seeded, realistic scenario is posted to a real StreamWorker
/// (role all, embedded broker, one partition so that stream time is that of the whole input), and the analytics
/// topics and late dead letters must equal what a naive reference implementation (ContractOracle) computes from
/// the stored events in read order.
/// </summary>
public sealed class ContractOracleTests
{
    private const int Seed = 20261127;
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 6, 0, 3, TimeSpan.Zero);
    private static readonly TimeSpan OutputTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ProcessorOutput_ForSeededScenario_EqualsTheOracle()
    {
        await using var sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?> { ["Role"] = "all", ["Topics:Partitions"] = "1" });
        await WaitUntilReady(sw);

        var deliveries = OracleScenario.Generate(Seed, Start, steps: 260);
        for (var i = 0; i < deliveries.Count; i++)
        {
            using var response = await sw.PostAsync(deliveries[i].Body);
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"delivery {i} ({deliveries[i].Event}) got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var bootstrap = sw.Kafka.BootstrapServers;
        var stored = TopicSnapshot.Read(bootstrap, "webhook-events", TimeSpan.FromSeconds(20))
            .Select(m => JsonNode.Parse(m.Value)!.AsObject()).ToList();
        Assert.Equal(deliveries.Count, stored.Count);

        var expected = ContractOracle.Run(stored);
        AssertScenarioCoversTheRules(expected);

        var differences = new List<string>();
        var previousCounts = (-1, -1, -1, -1);
        var deadline = DateTime.UtcNow + OutputTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var participants = TopicSnapshot.Read(bootstrap, "analytics-conference-participants", TimeSpan.FromSeconds(10));
            var churn = TopicSnapshot.Read(bootstrap, "analytics-livestream-churn", TimeSpan.FromSeconds(10));
            var dialout = TopicSnapshot.Read(bootstrap, "analytics-dialout-answer-rate", TimeSpan.FromSeconds(10));
            var deadLetters = TopicSnapshot.Read(bootstrap, "webhook-events-dlq", TimeSpan.FromSeconds(10));

            differences =
            [
                .. JsonRecordDiff.Compare("participants", expected.Participants, Latest(participants)),
                .. JsonRecordDiff.Compare("churn", expected.Churn, Latest(churn)),
                .. JsonRecordDiff.Compare("dialout", expected.Dialout, Latest(dialout)),
                .. LateDifferences(expected.LateEventIds, deadLetters),
            ];

            // Done when the output matches and nothing more arrived since the previous look.
            var counts = (participants.Count, churn.Count, dialout.Count, deadLetters.Count);
            if (differences.Count == 0 && counts == previousCounts)
            {
                break;
            }

            previousCounts = counts;
            await Task.Delay(1000);
        }

        Assert.True(differences.Count == 0, $"{differences.Count} differences from the oracle:\n" + string.Join("\n", differences.Take(40)));
    }

    private static Dictionary<(string Key, string WindowStart), JsonObject> Latest(List<Confluent.Kafka.Message<string?, byte[]>> records)
    {
        var latest = new Dictionary<(string, string), JsonObject>();
        foreach (var record in records)
        {
            var value = JsonNode.Parse(record.Value)!.AsObject();
            latest[(record.Key ?? string.Empty, value["window_start"]!.GetValue<string>())] = value;
        }

        return latest;
    }

    private static List<string> LateDifferences(List<string> expectedLate, List<Confluent.Kafka.Message<string?, byte[]>> deadLetters)
    {
        var actualLate = deadLetters
            .Select(d => JsonNode.Parse(d.Value)!.AsObject())
            .Where(d => d["reason"]?.GetValue<string>() == "late")
            .Select(d => d["event_id"]!.GetValue<string>())
            .ToList();
        var differences = new List<string>();
        var expectedCounts = expectedLate.CountBy(id => id).ToDictionary();
        var actualCounts = actualLate.CountBy(id => id).ToDictionary();
        foreach (var id in expectedCounts.Keys.Union(actualCounts.Keys).Order())
        {
            var want = expectedCounts.GetValueOrDefault(id);
            var got = actualCounts.GetValueOrDefault(id);
            if (want != got)
            {
                differences.Add($"dlq late {id}: expected {want} record(s), actual {got}");
            }
        }

        var otherReasons = deadLetters.Count - actualLate.Count;
        if (otherReasons != 0)
        {
            differences.Add($"dlq: {otherReasons} dead letter(s) with a reason other than late");
        }

        return differences;
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
}
