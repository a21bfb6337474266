namespace StreamWorker.Aggregates;

/// <summary>
/// What stream time passing did: the final records of the windows it closed, the progress to announce to the
/// company stage, and the presence that left with the conferences whose retention ended (for the presence gauges).
/// </summary>
public sealed class ClosedWindows
{
    public List<ParticipantsRecord> Participants { get; } = [];

    public List<LivestreamChurnRecord> LivestreamChurn { get; } = [];

    /// <summary>
    /// The partition's stream time, to announce to the company stage, when it has just closed one more dial-out window
    /// (the announcement is sent only when it closes something new there); null otherwise.
    /// </summary>
    public long? ProgressMs { get; set; }

    public int ParticipantsDropped { get; set; }

    public int ViewersDropped { get; set; }
}
