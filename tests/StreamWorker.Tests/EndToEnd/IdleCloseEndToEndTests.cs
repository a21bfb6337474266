using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// Idle close through the whole pipeline: a small scenario posted to role all (embedded broker) with
/// <c>Processor:IdleCloseAfter</c> 10 s, then nothing more. Within about 10 s the quiet partition's windows close:
/// every (key, window) that had records gets exactly one final record, equal to its latest update.
/// </summary>
[Trait("Layer", "Integration")]
public sealed class IdleCloseEndToEndTests : IAsyncLifetime
{
    private const long Conference = 6001;
    private const long Company = 88;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Events an hour or more in the past: wall clock minus 10 s is past every window's end plus grace (dial-out: 30 min).
    private static readonly DateTimeOffset T0 = new DateTimeOffset(DateTime.UtcNow.Ticks - (DateTime.UtcNow.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddMinutes(-60);
    private StreamWorkerInstance _sw = null!;

    public async Task InitializeAsync() => _sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
    {
        ["Role"] = "all",
        ["Topics:Partitions"] = "1",
        ["Processor:IdleCloseAfter"] = "00:00:10",
    });

    public async Task DisposeAsync() => await _sw.DisposeAsync();

    [Fact]
    public async Task QuietPartition_EveryWindowGetsOneFinalRecord_EqualToItsLatest()
    {
        await _sw.WaitUntilReadyAsync(Timeout);
        await Post("enter_conference", 5, ("participant_id", 1));
        await Post("enter_livestream", 20, ("participant_id", 11));
        await Post("dialout_status_change", 30, ("participant_id", 21), ("status", "new"));
        await Post("enter_conference", 70, ("participant_id", 2));
        await Post("dialout_status_change", 80, ("participant_id", 21), ("status", "answered"));
        await Post("leave_livestream", 400, ("participant_id", 11), ("reason_for_leaving", "user_exit"));
        await Post("leave_conference", 410, ("participant_id", 1), ("reason_for_leaving", "user_dropped"));

        foreach (var topic in new[] { "analytics-conference-participants", "analytics-livestream-churn", "analytics-dialout-answer-rate" })
        {
            var records = _sw.Reader(topic).ReadUntil(AllFinal, Timeout).Select(r => JsonNode.Parse(r.Message.Value)!.AsObject()).ToList();
            Assert.True(AllFinal(records), $"{topic}: not every window got its final record:\n{string.Join('\n', records.Select(r => r.ToJsonString()))}");
            foreach (var window in records.GroupBy(r => (Key(r), r["window_start"]!.GetValue<string>())))
            {
                var finals = window.Where(r => r["final"]!.GetValue<bool>()).ToList();
                var final = Assert.Single(finals);
                var latestUpdate = window.Last(r => !r["final"]!.GetValue<bool>()).DeepClone().AsObject();
                latestUpdate["final"] = true;
                Assert.True(JsonNode.DeepEquals(latestUpdate, final), $"{topic} {window.Key}: final {final.ToJsonString()} differs from the latest update");
                Assert.Same(final, window.Last());
            }
        }
    }

    private static bool AllFinal(IReadOnlyList<Confluent.Kafka.ConsumeResult<string?, byte[]>> records) =>
        AllFinal(records.Select(r => JsonNode.Parse(r.Message.Value)!.AsObject()).ToList());

    private static bool AllFinal(List<JsonObject> records) =>
        records.Count > 0 && records.GroupBy(r => (Key(r), r["window_start"]!.GetValue<string>())).All(w => w.Any(r => r["final"]!.GetValue<bool>()));

    private static long Key(JsonObject record) => (record["conference_id"] ?? record["company_id"])!.GetValue<long>();

    private async Task Post(string eventName, int seconds, params (string Field, JsonNode? Value)[] changes)
    {
        var payload = WebhookSamples.Payload(eventName, [("conference_id", Conference), ("company_id", Company), ("host_id", 3), .. changes]);
        using var response = await _sw.PostAsync(WebhookSamples.Body(eventName, payload, T0.AddSeconds(seconds)));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        _ = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
