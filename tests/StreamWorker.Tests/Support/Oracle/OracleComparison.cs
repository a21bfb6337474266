using System.Diagnostics;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>Compares the analytics topics and the late dead letters of a running StreamWorker with what the oracle expects.</summary>
public static class OracleComparison
{
    /// <summary>
    /// Reads the analytics topics and the dead letters until they equal <paramref name="expected"/> and no more
    /// records arrived since the previous look, or <paramref name="timeout"/> passes; returns the last differences
    /// (empty when equal). The topics compared are exactly those <paramref name="expected"/> holds: the three of 3.1-3.3
    /// always, sessions and company usage when the oracle ran with <c>sessionsAndUsage: true</c>.
    /// <paramref name="lateMayRepeat"/>: a record read again after a restart may be dead-lettered again (at-least-once),
    /// so late ids are compared as a set instead of one entry per late record read.
    /// </summary>
    public static async Task<List<string>> UntilEqualAsync(
        string bootstrapServers, OracleResult expected, TimeSpan timeout, bool lateMayRepeat, TimeSpan pollInterval, Action? afterEachLook = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var watch = Stopwatch.StartNew();
        var differences = new List<string>();
        var previousCounts = new List<int>();
        while (watch.Elapsed < timeout)
        {
            var participants = TopicSnapshot.Read(bootstrapServers, TopicNames.Participants, TimeSpan.FromSeconds(10));
            var churn = TopicSnapshot.Read(bootstrapServers, TopicNames.LivestreamChurn, TimeSpan.FromSeconds(10));
            var dialout = TopicSnapshot.Read(bootstrapServers, TopicNames.DialoutAnswerRate, TimeSpan.FromSeconds(10));
            var deadLetters = TopicSnapshot.Read(bootstrapServers, TopicNames.DeadLetter, TimeSpan.FromSeconds(10));
            differences =
            [
                .. JsonRecordDiff.Compare("participants", expected.Participants, TopicSnapshot.LatestByWindow(participants)),
                .. JsonRecordDiff.Compare("churn", expected.Churn, TopicSnapshot.LatestByWindow(churn)),
                .. JsonRecordDiff.Compare("dialout", expected.Dialout, TopicSnapshot.LatestByWindow(dialout)),
                .. LateDifferences(expected.LateEventIds, deadLetters, lateMayRepeat),
            ];
            var counts = new List<int> { participants.Count, churn.Count, dialout.Count, deadLetters.Count };
            if (expected.Sessions is { } sessions)
            {
                var actual = TopicSnapshot.Read(bootstrapServers, TopicNames.Sessions, TimeSpan.FromSeconds(10));
                differences.AddRange(JsonRecordDiff.Compare("sessions", sessions, TopicSnapshot.LatestByWindow(actual, "started_at"), expected.SessionAlternatives));
                counts.Add(actual.Count);
            }

            if (expected.CompanyUsage is { } usage)
            {
                var actual = TopicSnapshot.Read(bootstrapServers, TopicNames.CompanyUsage, TimeSpan.FromSeconds(10));
                differences.AddRange(JsonRecordDiff.Compare("usage", usage, TopicSnapshot.LatestByWindow(actual)));
                counts.Add(actual.Count);
            }

            // Done when the output matches and nothing more arrived since the previous look.
            if (differences.Count == 0 && counts.SequenceEqual(previousCounts)) return differences;
            previousCounts = counts;
            afterEachLook?.Invoke();
            await Task.Delay(pollInterval);
        }

        return differences;
    }

    /// <summary>The late dead letters against the oracle's (one per late record read, or as a set), and no dead letter for another reason.</summary>
    private static List<string> LateDifferences(List<string> expectedLate, List<Message<string?, byte[]>> deadLetters, bool lateMayRepeat)
    {
        var letters = deadLetters.Select(d => JsonNode.Parse(d.Value)!.AsObject()).ToList();
        var actualLate = letters.Where(d => d["reason"]?.GetValue<string>() == "late").Select(d => d["event_id"]!.GetValue<string>()).ToList();
        var differences = new List<string>();
        var expectedCounts = expectedLate.CountBy(id => id).ToDictionary();
        var actualCounts = actualLate.CountBy(id => id).ToDictionary();
        foreach (var id in expectedCounts.Keys.Union(actualCounts.Keys).Order())
        {
            var want = expectedCounts.GetValueOrDefault(id);
            var got = actualCounts.GetValueOrDefault(id);
            if (lateMayRepeat ? (want > 0) != (got > 0) : want != got)
            {
                differences.Add($"dlq late {id}: expected {want} record(s), actual {got}");
            }
        }

        differences.AddRange(letters.Where(d => d["reason"]?.GetValue<string>() != "late").Select(d => $"dlq: reason {d["reason"]} for {d["event_id"]}"));
        return differences;
    }
}
