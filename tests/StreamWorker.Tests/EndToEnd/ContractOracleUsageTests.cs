using System.Text.Json.Nodes;
using StreamWorker.Tests.Support.Oracle;
using static StreamWorker.Tests.Support.Oracle.OracleHandWorked;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>The oracle's company usage (contract 3.5, design-19 readings) against records worked out by hand.</summary>
[Trait("Layer", "Unit")]
public sealed class ContractOracleUsageTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private const string FirstDay = "2026-11-27T00:00:00.000Z";
    private const string SecondDay = "2026-11-28T00:00:00.000Z";

    private static readonly string[] Counts =
    [
        "conferences_started", "conferences_ended", "participant_joins", "viewer_joins", "recordings_started", "recordings_ready",
        "transcriptions_ready", "streams_started", "broadcasts_started", "previews_updated", "drive_files_added", "drive_bytes_added",
        "drive_files_deleted", "access_code_reuses", "profile_picture_uploads", "profile_picture_failures", "dialout_attempts",
    ];

    [Fact]
    public void Usage_AcrossTwoDays_CountsByEventTime_TakesTheConferencesCompany_AndSkipsEventsWithNoCompany()
    {
        var events = new List<JsonObject>
        {
            Stored(Day1, "u1", "drive_file_added", "23:30:00", """{"host_id":9,"company_id":90,"id":1,"filename":"a.pdf","size":1000}"""),
            Stored(Day1, "u2", "drive_file_added", "23:50:00", """{"host_id":9,"company_id":90,"id":2,"filename":"b.pdf","size":500}"""),
            Stored(Day1, "u3", "profile_picture_upload_success", "1.00:10:00", """{"host_id":9,"company_id":90}"""),
            // No company_id and a conference never seen with one: no_company, counted nowhere (and no session to end).
            Stored(Day1, "u4", "conference_end", "1.00:20:00", """{"conference_id":6100,"host_id":9}"""),
            Stored(Day1, "u5", "one_time_access_code_reused", "1.00:30:00", """{"host_id":9,"company_id":90,"conference_id":6101,"original_conference_id":6000}"""),
            // No company_id: the last one seen on conference 6101 (90).
            Stored(Day1, "u6", "recording_ready", "1.00:40:00", """{"host_id":9,"conference_id":6101,"recording_id":5,"download_link":"d"}"""),
            // Out of order but within the first day's grace (closes at day 2 01:00): counted in the first day.
            Stored(Day1, "u7", "drive_file_added", "23:59:59", """{"host_id":9,"company_id":90,"id":3,"filename":"c.pdf","size":42}"""),
            Stored(Day1, "u8", "transcription_ready", "1.01:00:00", """{"host_id":9,"company_id":91,"conference_id":6101}"""),
            // The first day has closed at day 2 01:00: late, dead-lettered.
            Stored(Day1, "u9", "drive_file_deleted", "23:00:00", """{"host_id":9,"company_id":90,"id":1,"filename":"a.pdf"}"""),
        };

        var result = ContractOracle.Run(events, sessionsAndUsage: true);

        AssertRecord(result.CompanyUsage, "90", FirstDay, Usage(90, FirstDay, "2026-11-28T00:00:00.000Z", final: true, ("drive_files_added", 3), ("drive_bytes_added", 1542)));
        AssertRecord(result.CompanyUsage, "90", SecondDay, Usage(90, SecondDay, "2026-11-29T00:00:00.000Z", final: false, ("profile_picture_uploads", 1), ("access_code_reuses", 1), ("recordings_ready", 1)));
        AssertRecord(result.CompanyUsage, "91", SecondDay, Usage(91, SecondDay, "2026-11-29T00:00:00.000Z", final: false, ("transcriptions_ready", 1)));
        Assert.Equal(3, result.CompanyUsage!.Count);
        Assert.Equal(["u9"], result.LateEventIds);
        Assert.Empty(result.Sessions!);
    }

    [Fact]
    public void Usage_FromSeveralPartitions_SumsAndIsFinalOnlyOnceTheSlowestPartitionClosedTheDay()
    {
        var fast = new List<JsonObject>
        {
            Stored(Day1, "p1", "drive_file_added", "10:00:00", """{"host_id":9,"company_id":90,"id":1,"filename":"a","size":10}"""),
            Stored(Day1, "p2", "profile_picture_upload_failure", "1.02:00:00", """{"host_id":9,"company_id":90}"""),
        };
        var slow = new List<JsonObject>
        {
            Stored(Day1, "p3", "drive_file_added", "11:00:00", """{"host_id":8,"company_id":90,"id":2,"filename":"b","size":20}"""),
            Stored(Day1, "p4", "drive_file_deleted", "23:00:00", """{"host_id":8,"company_id":90,"id":2,"filename":"b"}"""),
        };

        // A third partition that read nothing has no stream time: it does not hold the day open.
        var open = ContractOracle.RunPartitioned([fast, slow, []], sessionsAndUsage: true);
        AssertRecord(open.CompanyUsage, "90", FirstDay, Usage(90, FirstDay, "2026-11-28T00:00:00.000Z", final: false, ("drive_files_added", 2), ("drive_bytes_added", 30), ("drive_files_deleted", 1)));
        AssertRecord(open.CompanyUsage, "90", SecondDay, Usage(90, SecondDay, "2026-11-29T00:00:00.000Z", final: false, ("profile_picture_failures", 1)));

        slow.Add(Stored(Day1, "p5", "profile_picture_upload_success", "1.01:00:00", """{"host_id":8,"company_id":90}"""));
        var closed = ContractOracle.RunPartitioned([fast, slow, []], sessionsAndUsage: true);
        AssertRecord(closed.CompanyUsage, "90", FirstDay, Usage(90, FirstDay, "2026-11-28T00:00:00.000Z", final: true, ("drive_files_added", 2), ("drive_bytes_added", 30), ("drive_files_deleted", 1)));
        AssertRecord(closed.CompanyUsage, "90", SecondDay, Usage(90, SecondDay, "2026-11-29T00:00:00.000Z", final: false, ("profile_picture_uploads", 1), ("profile_picture_failures", 1)));
        Assert.Empty(closed.LateEventIds);
    }

    /// <summary>Reading 6: a status the dial-out aggregate finds late starts no attempt, for sessions and usage alike.</summary>
    [Fact]
    public void DialoutStatusLateForTheDialoutAggregate_StartsNoAttemptInTheSessionOrTheUsage()
    {
        var eight = Day1.AddHours(8);
        var events = new List<JsonObject>
        {
            Stored(eight, "d1", "dialout_status_change", "00:00:00", """{"conference_id":6200,"company_id":80,"host_id":2,"participant_id":31,"status":"new","phone_number":"h"}"""),
            Stored(eight, "d2", "conference_start", "00:31:00", """{"conference_id":6201,"company_id":80,"host_id":1}"""),
            // Its dial-out window [08:00, 08:15) closed at 08:30: late for dial-out; within Grace of session 6200's clock.
            Stored(eight, "d3", "dialout_status_change", "00:10:00", """{"conference_id":6200,"company_id":80,"host_id":2,"participant_id":32,"status":"new","phone_number":"h"}"""),
        };

        var result = ContractOracle.Run(events, sessionsAndUsage: true);

        AssertRecord(result.Sessions, "6200", "2026-11-27T08:00:00.000Z", """
            {"conference_id":6200,"company_id":80,"host_id":2,"started_at":"2026-11-27T08:00:00.000Z","ended_at":null,"end_reason":null,
             "duration_ms":600000,"participants":0,"peak_concurrent":0,"participant_ms":0,
             "leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0,"conference_end":0},
             "viewers":0,"peak_viewers":0,"viewer_ms":0,"viewer_leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0},
             "recording_ms":0,"streaming_ms":0,"broadcasting_ms":0,"dialout_attempts":1,"dialout_answered":0,"role_changes":0,"final":false}
            """);
        AssertRecord(result.CompanyUsage, "80", FirstDay, Usage(80, FirstDay, "2026-11-28T00:00:00.000Z", final: false, ("conferences_started", 1), ("dialout_attempts", 1)));
        Assert.Equal(["d3"], result.LateEventIds);
    }

    private static string Usage(long company, string start, string end, bool final, params (string Field, long Value)[] nonZero)
    {
        var record = new JsonObject { ["company_id"] = company, ["window_start"] = start, ["window_end"] = end };
        foreach (var count in Counts)
        {
            record[count] = nonZero.Where(n => n.Field == count).Sum(n => n.Value);
        }

        Assert.All(nonZero, n => Assert.Contains(n.Field, Counts));
        record["final"] = final;
        return record.ToJsonString();
    }
}
