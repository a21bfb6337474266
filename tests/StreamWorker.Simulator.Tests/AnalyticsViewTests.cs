using StreamWorker.Events;
using StreamWorker.Simulator.Watch;

namespace StreamWorker.Simulator.Tests;

[Trait("Layer", "Unit")]
public class AnalyticsViewTests
{
    private static string Record(long conference, string windowStart, int concurrent) =>
        $$$"""{"conference_id":{{{conference}}},"company_id":1,"host_id":2,"window_start":"{{{windowStart}}}","window_end":"x","joins":1,"leaves":0,"concurrent":{{{concurrent}}},"peak_concurrent":{{{concurrent}}},"leaves_by_reason":{"user_exit":0,"user_dropped":2,"host_kicked":1,"host_kicked_blocked":1,"conference_end":0}}""";

    [Fact]
    public void Apply_LaterRecordOfSameKeyAndWindow_ReplacesTheEarlierOne()
    {
        var view = new AnalyticsView(TopicLayout.Defaults);

        view.Apply(TopicNames.Participants, "7", Record(7, "2026-01-01T00:00:00.000Z", 3));
        view.Apply(TopicNames.Participants, "7", Record(7, "2026-01-01T00:00:00.000Z", 5));

        var row = Assert.Single(view.Latest(TopicNames.Participants, 10));
        Assert.Equal("5", row.Cells[2]);
        Assert.Equal("2", row.Cells[6]); // dropped
        Assert.Equal("2", row.Cells[7]); // kicked, with or without block
        Assert.Equal(2, view.RecordsRead(TopicNames.Participants));
    }

    [Fact]
    public void Latest_ShowsTheMostRecentWindowsFirst_BusiestFirstWithinAWindow()
    {
        var view = new AnalyticsView(TopicLayout.Defaults);
        view.Apply(TopicNames.Participants, "1", Record(1, "2026-01-01T00:00:00.000Z", 9));
        view.Apply(TopicNames.Participants, "2", Record(2, "2026-01-01T00:01:00.000Z", 1));
        view.Apply(TopicNames.Participants, "3", Record(3, "2026-01-01T00:01:00.000Z", 4));

        var keys = view.Latest(TopicNames.Participants, 2).Select(r => r.Key);

        Assert.Equal(["3", "2"], keys);
    }

    [Fact]
    public void Apply_UnparsableRecord_IsCountedAndNotShown()
    {
        var view = new AnalyticsView(TopicLayout.Defaults);

        view.Apply(TopicNames.Participants, "1", "not json");
        view.Apply(TopicNames.Participants, "1", """{"conference_id":1}""");

        Assert.Equal(2, view.Unreadable);
        Assert.Empty(view.Latest(TopicNames.Participants, 10));
    }

    private static string Session(long conference, string startedAt, string? endedAt, bool final = false) =>
        $$$"""{"conference_id":{{{conference}}},"company_id":1,"host_id":2,"started_at":"{{{startedAt}}}","ended_at":{{{(endedAt is null ? "null" : $"\"{endedAt}\"")}}},"duration_ms":1800000,"participants":4,"peak_concurrent":3,"participant_ms":3600000,"viewers":0,"recording_ms":600000,"dialout_attempts":2,"dialout_answered":1,"final":{{{(final ? "true" : "false")}}}}""";

    [Fact]
    public void Sessions_AreRowsPerConferenceAndStart_TheLatestRecordOfEachShown()
    {
        var view = new AnalyticsView(TopicLayout.Defaults);

        view.Apply(TopicNames.Sessions, "7", Session(7, "2026-01-01T09:00:00.000Z", null));
        view.Apply(TopicNames.Sessions, "7", Session(7, "2026-01-01T09:00:00.000Z", "2026-01-01T09:30:00.000Z", final: true));
        view.Apply(TopicNames.Sessions, "7", Session(7, "2026-01-01T10:00:00.000Z", null));

        var rows = view.Latest(TopicNames.Sessions, 10);
        Assert.Equal(["10:00", "09:00"], rows.Select(r => r.Cells[1]));
        Assert.Equal(["open", "09:30"], rows.Select(r => r.Cells[2]));
        Assert.Equal(["30", "60", "10", "1/2", "yes"], [rows[1].Cells[3], rows[1].Cells[6], rows[1].Cells[8], rows[1].Cells[9], rows[1].Cells[10]]);
    }

    [Fact]
    public void CompanyUsage_IsOneRowPerCompanyAndDay()
    {
        var view = new AnalyticsView(TopicLayout.Defaults);
        const string Day = """{"company_id":42,"window_start":"2026-11-27T00:00:00.000Z","window_end":"2026-11-28T00:00:00.000Z","conferences_started":3,"participant_joins":17,"access_code_reuses":1,"final":false}""";

        view.Apply(TopicNames.CompanyUsage, "42", Day);

        var row = Assert.Single(view.Latest(TopicNames.CompanyUsage, 10));
        Assert.Equal(["42", "2026-11-27", "3", "17"], row.Cells.Take(4));
        Assert.Equal("1", row.Cells[8]);
    }
}
