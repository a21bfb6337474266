namespace StreamWorker.Aggregates;

/// <summary>
/// What stream time passing did: the final records of the windows it closed, and the presence that left with
/// the conferences whose retention ended (for the presence gauges).
/// </summary>
public sealed class ClosedWindows
{
    public List<ParticipantsRecord> Participants { get; } = [];

    public List<LivestreamChurnRecord> LivestreamChurn { get; } = [];

    /// <summary>Notices for the company stage: this partition has closed these companies' dial-out windows.</summary>
    public List<DialoutAttemptChange> DialoutClosed { get; } = [];

    public int ParticipantsDropped { get; set; }

    public int ViewersDropped { get; set; }
}
