using System.Text.Json.Nodes;
using StreamWorker.Tests.Support.Oracle;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>The seeded scenario of the end-to-end oracle test, run through the oracle alone with and without sessions and usage.</summary>
[Trait("Layer", "Unit")]
public sealed class ContractOracleScenarioTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 6, 0, 3, TimeSpan.Zero);

    [Fact]
    public void SeededScenario_WithSessionsAndUsage_AddsBothTopicsAndOnlyMoreLateEvents()
    {
        var stored = OracleScenario.Generate(20261127, Start, steps: 400).Select(AsStored).ToList();

        var without = ContractOracle.Run(stored);
        var with = ContractOracle.Run(stored, sessionsAndUsage: true);

        Assert.Null(without.Sessions);
        Assert.Null(without.CompanyUsage);
        Assert.NotEmpty(with.Sessions!);
        Assert.NotEmpty(with.CompanyUsage!);
        Assert.Contains(with.Sessions!.Values, r => r["end_reason"]?.GetValue<string>() == "conference_end");
        Assert.Contains(with.Sessions!.Values, r => r["participant_ms"]!.GetValue<long>() > 0 && r["dialout_attempts"]!.GetValue<int>() > 0);
        Assert.All(with.Sessions!.Values, r => Assert.True(r["duration_ms"]!.GetValue<long>() >= 0));
        Assert.Equal(without.Participants.Keys.Order(), with.Participants.Keys.Order());
        Assert.Equal(without.Dialout.Keys.Order(), with.Dialout.Keys.Order());

        // Each late record read appears once whichever aggregates find it late; sessions and usage can only add some.
        Assert.DoesNotContain(without.LateEventIds.CountBy(id => id), c => c.Value > with.LateEventIds.Count(id => id == c.Key));
        Assert.DoesNotContain(with.LateEventIds.CountBy(id => id), c => c.Value > stored.Count(s => s["event_id"]!.GetValue<string>() == c.Key));
    }

    [Fact]
    public void ScenarioWithAllEventKinds_ExercisesEveryFieldOfSessionsAndUsage()
    {
        var stored = OracleScenario.GenerateWithAllEventKinds(20261204, Start, steps: 400).Select(AsStored).ToList();

        var without = ContractOracle.Run(stored);
        var with = ContractOracle.Run(stored, sessionsAndUsage: true);

        var sessions = with.Sessions!.Values.ToList();
        foreach (var field in new[] { "participant_ms", "viewer_ms", "recording_ms", "streaming_ms", "broadcasting_ms", "dialout_answered", "role_changes" })
        {
            Assert.Contains(sessions, r => r[field]!.ToJsonString() != "0");
        }

        Assert.Contains(sessions, r => r["end_reason"]?.GetValue<string>() == "timeout" && r["final"]!.GetValue<bool>());
        Assert.Contains(sessions, r => r["end_reason"]?.GetValue<string>() == "conference_end" && r["final"]!.GetValue<bool>());
        Assert.Contains(sessions, r => r["leaves_by_reason"]!["conference_end"]!.GetValue<int>() > 0);
        Assert.Contains(sessions, r => r["end_reason"] is null);
        var usage = with.CompanyUsage!.Values.ToList();
        foreach (var field in new[] { "recordings_ready", "transcriptions_ready", "streams_started", "broadcasts_started", "previews_updated", "drive_bytes_added", "drive_files_deleted", "access_code_reuses", "profile_picture_uploads", "profile_picture_failures", "dialout_attempts" })
        {
            Assert.Contains(usage, r => r[field]!.ToJsonString() != "0");
        }

        // Late for sessions only: the opening event before its conference's sessions ended.
        Assert.True(with.LateEventIds.Count > without.LateEventIds.Count, $"late: {with.LateEventIds.Count} with, {without.LateEventIds.Count} without");
    }

    /// <summary>The stored form of a delivery: identifiers sent as numeric strings become integers; a re-delivery keeps its id.</summary>
    private static JsonObject AsStored(OracleDelivery delivery)
    {
        var payload = JsonNode.Parse(delivery.Payload)!.AsObject();
        foreach (var (name, value) in payload.ToList())
        {
            if (name.EndsWith("_id", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue<string>(out var text) && long.TryParse(text, out var id))
            {
                payload[name] = id;
            }
        }

        return new JsonObject
        {
            ["event_id"] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(delivery.Event + delivery.Payload + delivery.Timestamp.ToUnixTimeMilliseconds()))),
            ["event"] = delivery.Event,
            ["timestamp"] = ContractOracle.FormatTime(delivery.Timestamp.ToUnixTimeMilliseconds()),
            ["payload"] = payload,
        };
    }
}
