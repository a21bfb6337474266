namespace StreamWorker.Tests.Support.Topology;

/// <summary>Payloads and expected record values for the topology tests (conference 1001, company 77, host 5).</summary>
internal static class Scenario
{
    public const string Conference = "1001";
    public const string Company = "77";

    public static object Enter(long participant, long company = 77, long host = 5) => new
    {
        host_id = host, company_id = company, conference_id = 1001, participant_id = participant, participant_role = "participant", meeting_url = "hmac-sha256:00",
    };

    public static object Leave(long participant, string reason = "user_exit") => new
    {
        host_id = 5, company_id = 77, conference_id = 1001, participant_id = participant, participant_role = "participant", reason_for_leaving = reason,
    };

    public static object Watch(long viewer) => new { host_id = 5, company_id = 77, conference_id = 1001, participant_id = viewer };

    public static object StopWatching(long viewer, string reason = "user_exit") => new
    {
        host_id = 5, company_id = 77, conference_id = 1001, participant_id = viewer, reason_for_leaving = reason,
    };

    /// <summary>conference_end as in the platform's published example: no company_id.</summary>
    public static object End(long host = 5) => new { conference_id = 1001, host_id = host };

    public static object Dial(long participant, string status, long company = 77) => new
    {
        host_id = 5, company_id = company, conference_id = 1001, participant_id = participant, status, phone_number = "hmac-sha256:11",
    };

    public static string ParticipantsJson(
        int startMinute, int joins, int leaves, int concurrent, int peak,
        int userExit = 0, int userDropped = 0, int hostKicked = 0, int blocked = 0, int conferenceEnd = 0,
        string company = "77", string host = "5", bool final = false) =>
        $$$"""{"conference_id":1001,"company_id":{{{company}}},"host_id":{{{host}}},"window_start":"{{{Time(startMinute)}}}","window_end":"{{{Time(startMinute + 1)}}}","joins":{{{joins}}},"leaves":{{{leaves}}},"concurrent":{{{concurrent}}},"peak_concurrent":{{{peak}}},"leaves_by_reason":{"user_exit":{{{userExit}}},"user_dropped":{{{userDropped}}},"host_kicked":{{{hostKicked}}},"host_kicked_blocked":{{{blocked}}},"conference_end":{{{conferenceEnd}}}},"final":{{{Bool(final)}}}}""";

    public static string ChurnJson(
        int startMinute, int atStart, int enters, int leaves, int peak, string rate,
        int userExit = 0, int userDropped = 0, int hostKicked = 0, int blocked = 0, bool final = false) =>
        $$$"""{"conference_id":1001,"company_id":77,"window_start":"{{{Time(startMinute)}}}","window_end":"{{{Time(startMinute + 5)}}}","viewers_at_start":{{{atStart}}},"enters":{{{enters}}},"leaves":{{{leaves}}},"leaves_by_reason":{"user_exit":{{{userExit}}},"user_dropped":{{{userDropped}}},"host_kicked":{{{hostKicked}}},"host_kicked_blocked":{{{blocked}}}},"peak_viewers":{{{peak}}},"churn_rate":{{{rate}}},"final":{{{Bool(final)}}}}""";

    public static string DialoutJson(
        int startMinute, int attempts, string rate,
        int answered = 0, int rejected = 0, int noAnswer = 0, int cancelled = 0, int notEnabled = 0, int pending = 0, string company = "77", bool final = false) =>
        $$$"""{"company_id":{{{company}}},"window_start":"{{{Time(startMinute)}}}","window_end":"{{{Time(startMinute + 15)}}}","attempts":{{{attempts}}},"answered":{{{answered}}},"rejected":{{{rejected}}},"noanswer":{{{noAnswer}}},"cancelled":{{{cancelled}}},"notenabled":{{{notEnabled}}},"pending":{{{pending}}},"answer_rate":{{{rate}}},"final":{{{Bool(final)}}}}""";

    private static string Bool(bool value) => value ? "true" : "false";
}
