using System.Text.Json.Nodes;
using StreamWorker.Tests.Support.Oracle;
using static StreamWorker.Tests.Support.Oracle.OracleHandWorked;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// The oracle's conference sessions (contract 3.4, design-19 readings) against records worked out by hand, so that a
/// match with the processor means both follow the text rather than share a misreading.
/// </summary>
[Trait("Layer", "Unit")]
public sealed class ContractOracleSessionsTests
{
    private static readonly DateTimeOffset Ten = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Eight = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private const string C = """ "conference_id":6001,"company_id":77,"host_id":3 """;
    private const string Zeros5 = """{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0,"conference_end":0}""";
    private const string Zeros4 = """{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0}""";

    /// <summary>
    /// Accrual over the session clock: participants 1 (0-60 s), 2 (60-120 s), 1 (120-160 s), then the out-of-order
    /// enter at 110 s (within Grace of the clock) makes it 2 without moving the clock, 2 (160-180 s) until the end:
    /// 60000 + 120000 + 40000 + 40000 = 260000 participant-ms.
    /// </summary>
    [Fact]
    public void Session_EndedByConferenceEnd_AccruesOverItsClockAndClosesAfterGrace()
    {
        var events = SessionEvents();
        var result = ContractOracle.Run(events, sessionsAndUsage: true);

        // Recording 90 → 180 s = 90000 (the stop at 30 s is late: before clock 160 s − 2 min); viewer 130 → 180 s = 50000;
        // the attempt started at 150 s is answered at 160 s; the leave and stop after the end find no session.
        AssertRecord(result.Sessions, "6001", "2026-11-27T10:00:00.000Z", $$"""
            {"conference_id":6001,"company_id":77,"host_id":3,"started_at":"2026-11-27T10:00:00.000Z","ended_at":"2026-11-27T10:03:00.000Z",
             "end_reason":"conference_end","duration_ms":180000,"participants":3,"peak_concurrent":2,"participant_ms":260000,
             "leaves_by_reason":{"user_exit":1,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0,"conference_end":2},
             "viewers":1,"peak_viewers":1,"viewer_ms":50000,"viewer_leaves_by_reason":{{Zeros4}},
             "recording_ms":90000,"streaming_ms":0,"broadcasting_ms":0,"dialout_attempts":1,"dialout_answered":1,"role_changes":1,"final":true}
            """);

        // A conference_start of another conference opens its own session; open: no end, duration clock − started_at.
        AssertRecord(result.Sessions, "6002", "2026-11-27T10:06:30.000Z", $$"""
            {"conference_id":6002,"company_id":77,"host_id":4,"started_at":"2026-11-27T10:06:30.000Z","ended_at":null,"end_reason":null,
             "duration_ms":0,"participants":0,"peak_concurrent":0,"participant_ms":0,"leaves_by_reason":{{Zeros5}},
             "viewers":0,"peak_viewers":0,"viewer_ms":0,"viewer_leaves_by_reason":{{Zeros4}},
             "recording_ms":0,"streaming_ms":0,"broadcasting_ms":0,"dialout_attempts":0,"dialout_answered":0,"role_changes":0,"final":false}
            """);
        Assert.Equal(2, result.Sessions!.Count);
        Assert.Empty(result.SessionAlternatives);

        // Late for sessions only (no other aggregate reads stop_recording): dead-lettered once.
        Assert.Equal(["e10"], result.LateEventIds);

        AssertRecord(result.CompanyUsage, "77", "2026-11-27T00:00:00.000Z", """
            {"company_id":77,"window_start":"2026-11-27T00:00:00.000Z","window_end":"2026-11-28T00:00:00.000Z",
             "conferences_started":1,"conferences_ended":1,"participant_joins":3,"viewer_joins":1,"recordings_started":1,
             "recordings_ready":0,"transcriptions_ready":0,"streams_started":0,"broadcasts_started":0,"previews_updated":0,
             "drive_files_added":0,"drive_bytes_added":0,"drive_files_deleted":0,"access_code_reuses":0,
             "profile_picture_uploads":0,"profile_picture_failures":0,"dialout_attempts":1,"final":false}
            """);
        Assert.Single(result.CompanyUsage!);
    }

    [Fact]
    public void Oracle_WithoutSessionsAndUsage_HoldsNeitherTopicNorTheirLateEvents()
    {
        var result = ContractOracle.Run(SessionEvents());

        Assert.Null(result.Sessions);
        Assert.Null(result.CompanyUsage);
        Assert.Empty(result.LateEventIds);
        Assert.NotEmpty(result.Participants);
    }

    [Fact]
    public void Session_WithoutConferenceEnd_TimesOutAtItsClock_AndAnOpeningEventBeforeThatEndIsLate()
    {
        var events = new List<JsonObject>
        {
            Stored(Eight, "t1", "conference_start", "00:00:00", """{"conference_id":6003,"company_id":77,"host_id":5}"""),
            Stored(Eight, "t2", "enter_conference", "00:00:10", """{"conference_id":6003,"company_id":77,"host_id":5,"participant_id":1,"participant_role":"organizer"}"""),
            Stored(Eight, "t3", "start_streaming", "00:01:10", """{"conference_id":6003,"company_id":77,"host_id":5}"""),
            // Stream time passes the clock (08:01:10) + 12 h by more than the minute the processor may take to check.
            Stored(Eight, "t4", "conference_start", "12:05:00", """{"conference_id":6004,"company_id":78,"host_id":6}"""),
            // Next event of 6003: the session has ended at 08:01:10; an opening event before that is late for sessions
            // only (usage applies it), and dead-lettered.
            Stored(Eight, "t5", "start_recording", "00:01:00", """{"conference_id":6003,"company_id":77,"host_id":5}"""),
            Stored(Eight, "t6", "start_broadcasting", "12:06:00", """{"conference_id":6003,"company_id":77,"host_id":5}"""),
            Stored(Eight, "t7", "stop_broadcasting", "12:06:30", """{"conference_id":6003,"company_id":77,"host_id":5}"""),
        };

        var result = ContractOracle.Run(events, sessionsAndUsage: true);

        // Values as they were at its clock: participant 1 present from 10 s to 70 s; streaming started at the clock.
        AssertRecord(result.Sessions, "6003", "2026-11-27T08:00:00.000Z", $$"""
            {"conference_id":6003,"company_id":77,"host_id":5,"started_at":"2026-11-27T08:00:00.000Z","ended_at":"2026-11-27T08:01:10.000Z",
             "end_reason":"timeout","duration_ms":70000,"participants":1,"peak_concurrent":1,"participant_ms":60000,"leaves_by_reason":{{Zeros5}},
             "viewers":0,"peak_viewers":0,"viewer_ms":0,"viewer_leaves_by_reason":{{Zeros4}},
             "recording_ms":0,"streaming_ms":0,"broadcasting_ms":0,"dialout_attempts":0,"dialout_answered":0,"role_changes":0,"final":true}
            """);
        AssertRecord(result.Sessions, "6003", "2026-11-27T20:06:00.000Z", $$"""
            {"conference_id":6003,"company_id":77,"host_id":5,"started_at":"2026-11-27T20:06:00.000Z","ended_at":null,"end_reason":null,
             "duration_ms":30000,"participants":0,"peak_concurrent":0,"participant_ms":0,"leaves_by_reason":{{Zeros5}},
             "viewers":0,"peak_viewers":0,"viewer_ms":0,"viewer_leaves_by_reason":{{Zeros4}},
             "recording_ms":0,"streaming_ms":0,"broadcasting_ms":30000,"dialout_attempts":0,"dialout_answered":0,"role_changes":0,"final":false}
            """);
        Assert.Equal(3, result.Sessions!.Count);
        Assert.Equal(["t5"], result.LateEventIds);
        Assert.Equal(1, result.CompanyUsage![("77", "2026-11-27T00:00:00.000Z")]["recordings_started"]!.GetValue<long>());
        Assert.Equal(1, result.CompanyUsage![("78", "2026-11-27T00:00:00.000Z")]["conferences_started"]!.GetValue<long>());
    }

    [Fact]
    public void Session_ClosesWithinTheMinuteAfterEndedAtPlusGrace_EitherFlagIsAccepted_AndLeavesAfterTheEndChangeNothing()
    {
        var events = new List<JsonObject>
        {
            Stored(Eight, "s1", "conference_start", "00:00:00", """{"conference_id":6005,"company_id":79,"host_id":7}"""),
            Stored(Eight, "s2", "enter_conference", "00:00:20", """{"conference_id":6005,"company_id":79,"host_id":7,"participant_id":1,"participant_role":"organizer"}"""),
            Stored(Eight, "s3", "conference_end", "00:01:00", """{"conference_id":6005,"host_id":7}"""),
            // No open session: a leave (whatever its time) changes nothing and is not late; an opening event before
            // ended_at is late (the livestream's 5-minute window is still open, so only sessions finds it late).
            Stored(Eight, "s4", "leave_conference", "00:00:30", """{"conference_id":6005,"company_id":79,"host_id":7,"participant_id":1,"participant_role":"organizer","reason_for_leaving":"user_exit"}"""),
            Stored(Eight, "s5", "participant_role_changed", "00:01:10", """{"conference_id":6005,"host_id":7,"participant_id":1,"participant_role":"moderator"}"""),
            Stored(Eight, "s6", "enter_livestream", "00:00:50", """{"conference_id":6005,"company_id":79,"host_id":7,"participant_id":101}"""),
            Stored(Eight, "s7", "conference_start", "00:03:30", """{"conference_id":6006,"company_id":79,"host_id":8}"""),
        };

        var result = ContractOracle.Run(events, sessionsAndUsage: true);

        // Stream time 08:03:30 is past ended_at + Grace (08:03:00) by less than a minute: final per the contract, not yet
        // final accepted too. Participant 1 from 20 s to 60 s: 40000 participant-ms.
        const string Ended = """
            {"conference_id":6005,"company_id":79,"host_id":7,"started_at":"2026-11-27T08:00:00.000Z","ended_at":"2026-11-27T08:01:00.000Z",
             "end_reason":"conference_end","duration_ms":60000,"participants":1,"peak_concurrent":1,"participant_ms":40000,
             "leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0,"conference_end":1},
             "viewers":0,"peak_viewers":0,"viewer_ms":0,"viewer_leaves_by_reason":{"user_exit":0,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0},
             "recording_ms":0,"streaming_ms":0,"broadcasting_ms":0,"dialout_attempts":0,"dialout_answered":0,"role_changes":0,"final":true}
            """;
        AssertRecord(result.Sessions, "6005", "2026-11-27T08:00:00.000Z", Ended);
        AssertRecord(result.SessionAlternatives, "6005", "2026-11-27T08:00:00.000Z", Ended.Replace("\"final\":true", "\"final\":false", StringComparison.Ordinal));
        Assert.Equal(["s6"], result.LateEventIds);
        Assert.Equal(2, result.Sessions!.Count);

        var notYetFinal = JsonNode.Parse(Ended.Replace("\"final\":true", "\"final\":false", StringComparison.Ordinal))!.AsObject();
        var key = ("6005", "2026-11-27T08:00:00.000Z");
        Assert.Empty(JsonRecordDiff.Compare("sessions", new() { [key] = result.Sessions[key] }, new() { [key] = notYetFinal }, result.SessionAlternatives));
        Assert.Single(JsonRecordDiff.Compare("sessions", new() { [key] = result.Sessions[key] }, new() { [key] = notYetFinal }));
    }

    /// <summary>
    /// Re-deliveries are ignored by sessions (3.0 rule 1), including one of an event that found no session (reading:
    /// processed with outcome no_session), read after a new session opened.
    /// </summary>
    [Fact]
    public void Session_IgnoresReDeliveries_EvenOfAnEventThatFoundNoSession()
    {
        var roleChange = Stored(Eight, "r1", "participant_role_changed", "00:00:30", """{"conference_id":6007,"host_id":7,"participant_id":1,"participant_role":"moderator"}""");
        var straggler = Stored(Eight, "r0", "leave_conference", "00:00:05", """{"conference_id":6007,"company_id":79,"host_id":7,"participant_id":1,"participant_role":"organizer","reason_for_leaving":"user_dropped"}""");
        var events = new List<JsonObject>
        {
            straggler,
            Stored(Eight, "r2", "enter_conference", "00:00:10", """{"conference_id":6007,"company_id":79,"host_id":7,"participant_id":1,"participant_role":"organizer"}"""),
            roleChange,
            roleChange.DeepClone().AsObject(),
            straggler.DeepClone().AsObject(),
        };

        var result = ContractOracle.Run(events, sessionsAndUsage: true);

        var record = result.Sessions![("6007", "2026-11-27T08:00:10.000Z")];
        Assert.Equal(1, record["role_changes"]!.GetValue<int>());
        Assert.Equal(0, record["leaves_by_reason"]!["user_dropped"]!.GetValue<int>());
        Assert.Equal(20000, record["participant_ms"]!.GetValue<long>());
        Assert.Single(result.Sessions);
        Assert.Empty(result.LateEventIds);
    }

    private static List<JsonObject> SessionEvents() =>
    [
        Stored(Ten, "e1", "enter_conference", "00:00:00", $$"""{{{C}},"participant_id":1,"participant_role":"organizer","meeting_url":"u"}"""),
        Stored(Ten, "e2", "enter_conference", "00:01:00", $$"""{{{C}},"participant_id":2,"participant_role":"participant","meeting_url":"u"}"""),
        Stored(Ten, "e3", "start_recording", "00:01:30", $$"""{{{C}}}"""),
        Stored(Ten, "e4", "leave_conference", "00:02:00", $$"""{{{C}},"participant_id":1,"participant_role":"organizer","reason_for_leaving":"user_exit"}"""),
        Stored(Ten, "e5", "enter_livestream", "00:02:10", $$"""{{{C}},"participant_id":101}"""),
        Stored(Ten, "e6", "participant_role_changed", "00:02:20", """{"conference_id":6001,"host_id":3,"participant_id":2,"participant_role":"moderator"}"""),
        Stored(Ten, "e7", "dialout_status_change", "00:02:30", $$"""{{{C}},"participant_id":21,"status":"new","phone_number":"h"}"""),
        Stored(Ten, "e8", "dialout_status_change", "00:02:40", $$"""{{{C}},"participant_id":21,"status":"answered","phone_number":"h"}"""),
        Stored(Ten, "e9", "enter_conference", "00:01:50", $$"""{{{C}},"participant_id":3,"participant_role":"participant","meeting_url":"u"}"""),
        Stored(Ten, "e10", "stop_recording", "00:00:30", $$"""{{{C}}}"""),
        Stored(Ten, "e11", "conference_end", "00:03:00", """{"conference_id":6001,"host_id":3}"""),
        Stored(Ten, "e12", "leave_livestream", "00:03:05", $$"""{{{C}},"participant_id":101,"reason_for_leaving":"user_exit"}"""),
        Stored(Ten, "e13", "stop_recording", "00:03:10", $$"""{{{C}}}"""),
        Stored(Ten, "e14", "conference_start", "00:06:30", """{"conference_id":6002,"company_id":77,"host_id":4}"""),
    ];
}
