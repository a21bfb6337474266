namespace StreamWorker.Topology;

/// <summary>Where a record forwarded by the conference stage goes.</summary>
public enum OutputKind
{
    Participants,
    LivestreamChurn,
    DialoutAttemptChange,
    DeadLetter,
}
