using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests;

public class StateValueCodecTests
{
    public static TheoryData<StateValue> Values() =>
    [
        new ConferenceSummary(7, Company, null, At(3), new PresenceCounts([(2, 1L), (20_000, -1L)]), 20_005, 44_001, At(3)),
        new SeenEvent(16, 12, At(2), AggregateSet.Participants | AggregateSet.LivestreamChurn, 3),
        new PresenceValue(8, true),
        new KeyChunk(9, ["p/1001/1", "v/1001/2"]),
        new MarkValue(10, At(5)),
        new WindowValue<ParticipantsRecord>(11, new ParticipantsRecord(Conference, Company, Host, At(0), At(1), 3, 1, 2, 3, new ParticipantLeaveCounts(1, 0, 0, 0, 0))),
        new WindowValue<LivestreamChurnRecord>(12, new LivestreamChurnRecord(Conference, null, At(0), At(5), 4, 2, 3, new ViewerLeaveCounts(1, 1, 0, 1), 6, 0.5)),
        new CompanyWindowValue(13, new DialoutAnswerRateRecord(Company, At(0), At(15), 3, 1, 1, 0, 0, 0, 1, 0.5), 3, IsComplete: true),
        new AttemptValue(14, 2, At(0), Company, DialoutOutcome.NoAnswer, 3),
        new OutcomeValue(15, DialoutOutcome.Answered, 2),
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void EveryStateValue_SurvivesARoundTrip(StateValue value)
    {
        var restored = StateValueCodec.Deserialize(StateValueCodec.Serialize(value));

        if (value is KeyChunk chunk) Assert.Equal(chunk.Items, Assert.IsType<KeyChunk>(restored).Items);
        else Assert.Equal(value, restored);
        Assert.Equal(value.Offset, restored.Offset);
    }

    public static TheoryData<DialoutAttemptChange> Changes() =>
    [
        new DialoutAttemptChange(Company, At(0), "1001:9:2", DialoutOutcome.Cancelled, 3, At(4)),
        DialoutAttemptChange.Progress(source: 4, sources: 6, target: 5, At(7)),
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void RepartitionRecord_SurvivesARoundTrip(DialoutAttemptChange change) =>
        Assert.Equal(change, StateValueCodec.DeserializeChange(StateValueCodec.Serialize(change)));

    [Fact]
    public void UnknownTag_IsRejected() =>
        Assert.Throws<InvalidDataException>(() => StateValueCodec.Deserialize([99, 0, 0, 0, 0, 0, 0, 0, 0]));
}
