using System.Text;
using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

public class OutputRecordJsonTests
{
    private static readonly long Start = At(0);

    [Fact]
    public void Participants_HasTheContractFieldsInSnakeCase()
    {
        var json = Encoding.UTF8.GetString(OutputRecordJson.Serialize(
            new ParticipantsRecord(1258835, null, 61803, Start, Start + 60_000, 2, 1, 1, 2, new ParticipantLeaveCounts(1, 0, 0, 0, 0))));

        Assert.Equal(
            """{"conference_id":1258835,"company_id":null,"host_id":61803,"window_start":"2022-08-24T20:00:00.000Z","window_end":"2022-08-24T20:01:00.000Z","joins":2,"leaves":1,"concurrent":1,"peak_concurrent":2,"leaves_by_reason":{"user_exit":1,"user_dropped":0,"host_kicked":0,"host_kicked_blocked":0,"conference_end":0},"final":false}""",
            json);
    }

    [Fact]
    public void Churn_WritesTheRateAtFullPrecision()
    {
        var json = Encoding.UTF8.GetString(OutputRecordJson.Serialize(
            new LivestreamChurnRecord(1, 2, Start, Start + 300_000, 2, 1, 2, new ViewerLeaveCounts(0, 1, 1, 0), 2, 2.0 / 3.0)));

        Assert.Equal(
            """{"conference_id":1,"company_id":2,"window_start":"2022-08-24T20:00:00.000Z","window_end":"2022-08-24T20:05:00.000Z","viewers_at_start":2,"enters":1,"leaves":2,"leaves_by_reason":{"user_exit":0,"user_dropped":1,"host_kicked":1,"host_kicked_blocked":0},"peak_viewers":2,"churn_rate":0.6666666666666666,"final":false}""",
            json);
    }

    [Fact]
    public void Dialout_WritesANullRateExplicitly()
    {
        var json = Encoding.UTF8.GetString(OutputRecordJson.Serialize(
            new DialoutAnswerRateRecord(77, Start, Start + 900_000, 1, 0, 0, 0, 0, 1, 0, null)));

        Assert.Equal(
            """{"company_id":77,"window_start":"2022-08-24T20:00:00.000Z","window_end":"2022-08-24T20:15:00.000Z","attempts":1,"answered":0,"rejected":0,"noanswer":0,"cancelled":0,"notenabled":1,"pending":0,"answer_rate":null,"final":false}""",
            json);
    }
}
