namespace StreamWorker.Aggregates;

/// <summary>
/// The company stage's record of one dial-out window: the record as emitted, the length of its attempt list, the
/// events partitions that sent attempts to it and those whose stream time has closed it. The window is complete
/// (final) once every partition that contributed has closed it. Both lists are bounded by the partition count.
/// </summary>
public sealed record CompanyWindowValue(long Offset, DialoutAnswerRateRecord Record, int ListedKeys, IReadOnlyList<int> Sources, IReadOnlyList<int> ClosedSources)
    : StateValue(Offset)
{
    public bool IsComplete => Sources.Count > 0 && Sources.All(ClosedSources.Contains);
}
