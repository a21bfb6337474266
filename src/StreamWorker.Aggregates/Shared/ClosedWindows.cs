namespace StreamWorker.Aggregates;

/// <summary>
/// What stream time passing did: the final records of the windows it closed, and the presence that left with
/// the conferences whose retention ended (for the presence gauges).
/// </summary>
public sealed class ClosedWindows
{
    public List<ParticipantsRecord> Participants { get; } = [];

    public List<LivestreamChurnRecord> LivestreamChurn { get; } = [];

    public List<DialoutAnswerRateRecord> DialoutAnswerRate { get; } = [];

    public int ParticipantsDropped { get; set; }

    public int ViewersDropped { get; set; }
}
