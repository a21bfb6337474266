using System.Text.Json.Nodes;
using StreamWorker.Events;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// A dial-out window fed by several events partitions closes when they go quiet: role all (embedded broker, six
/// partitions), <c>Processor:IdleCloseAfter</c> 10 s. Conferences of one company on different partitions send
/// attempts to the same 15-minute window; one of them keeps sending later events, the others stop. Partitions that
/// never read an event at all must not hold the window back either.
/// </summary>
public sealed class QuietPartitionDialoutEndToEndTests() : RoleAllTest(FirstConference, Company, 3, T0, Settings)
{
    private const long FirstConference = 7001;
    private const long Company = 89;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // An hour or more in the past: wall clock minus 10 s is past the window's end plus grace (30 min).
    private static readonly DateTimeOffset T0 = new DateTimeOffset(DateTime.UtcNow.Ticks - (DateTime.UtcNow.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddMinutes(-60);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Topics:Partitions"] = "6",
        ["Processor:IdleCloseAfter"] = "00:00:10",
    };

    [Fact]
    public async Task AttemptsFromSeveralPartitions_TheirWindowGetsOneFinalRecord_CountingEveryAttempt()
    {
        await Sw.WaitUntilReadyAsync(Timeout);
        var conferences = new long[] { FirstConference, FirstConference + 1, FirstConference + 2 };
        for (var i = 0; i < conferences.Length; i++)
        {
            await PostAcceptedAsync("dialout_status_change", 30 + i, ("conference_id", conferences[i]), ("participant_id", 21), ("status", "new"));
            await PostAcceptedAsync("dialout_status_change", 60 + i, ("conference_id", conferences[i]), ("participant_id", 21), ("status", i == 2 ? "rejected" : "answered"));
        }

        // One conference goes on past the window's close on its own partition; the others have gone quiet.
        await PostAcceptedAsync("enter_conference", 40 * 60, ("conference_id", FirstConference), ("participant_id", 5));

        var records = Sw.Reader(TopicNames.DialoutAnswerRate)
            .ReadUntil(rs => rs.Any(r => JsonNode.Parse(r.Message.Value)!["final"]!.GetValue<bool>()), Timeout)
            .Select(r => JsonNode.Parse(r.Message.Value)!.AsObject())
            .ToList();

        var final = Assert.Single(records, r => r["final"]!.GetValue<bool>());
        Assert.Equal(3, final["attempts"]!.GetValue<int>());
        Assert.Equal(2, final["answered"]!.GetValue<int>());
        Assert.Equal(1, final["rejected"]!.GetValue<int>());
        Assert.Same(final, records[^1]);
    }
}
