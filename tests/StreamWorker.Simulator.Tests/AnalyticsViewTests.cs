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
}
