using System.Text.Json.Nodes;
using StreamWorker.Events;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// Idle close through the whole pipeline: a small scenario posted to role all (embedded broker) with
/// <c>Processor:IdleCloseAfter</c> 10 s, then nothing more. Within about 10 s the quiet partition's windows close:
/// every (key, window) that had records gets exactly one final record, equal to its latest update.
/// </summary>
public sealed class IdleCloseEndToEndTests() : RoleAllTest(Conference, Company, 3, T0, Settings)
{
    private const long Conference = 6001;
    private const long Company = 88;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Events an hour or more in the past: wall clock minus 10 s is past every window's end plus grace (dial-out: 30 min).
    private static readonly DateTimeOffset T0 = new DateTimeOffset(DateTime.UtcNow.Ticks - (DateTime.UtcNow.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddMinutes(-60);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Topics:Partitions"] = "1",
        ["Processor:IdleCloseAfter"] = "00:00:10",
    };

    [Fact]
    public async Task QuietPartition_EveryWindowGetsOneFinalRecord_EqualToItsLatest()
    {
        await Sw.WaitUntilReadyAsync(Timeout);
        await PostAcceptedAsync("enter_conference", 5, ("participant_id", 1));
        await PostAcceptedAsync("enter_livestream", 20, ("participant_id", 11));
        await PostAcceptedAsync("dialout_status_change", 30, ("participant_id", 21), ("status", "new"));
        await PostAcceptedAsync("enter_conference", 70, ("participant_id", 2));
        await PostAcceptedAsync("dialout_status_change", 80, ("participant_id", 21), ("status", "answered"));
        await PostAcceptedAsync("leave_livestream", 400, ("participant_id", 11), ("reason_for_leaving", "user_exit"));
        await PostAcceptedAsync("leave_conference", 410, ("participant_id", 1), ("reason_for_leaving", "user_dropped"));

        foreach (var topic in new[] { TopicNames.Participants, TopicNames.LivestreamChurn, TopicNames.DialoutAnswerRate })
        {
            var records = Sw.Reader(topic).ReadUntil(AllFinal, Timeout).Select(r => JsonNode.Parse(r.Message.Value)!.AsObject()).ToList();
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
}
