namespace StreamWorker.Topology;

/// <summary>Where a record forwarded by a stage goes.</summary>
public enum OutputKind
{
    Participants,
    LivestreamChurn,
    Sessions,
    CompanyChange,
    DeadLetter,
    DialoutAnswerRate,
    CompanyUsage,
}
