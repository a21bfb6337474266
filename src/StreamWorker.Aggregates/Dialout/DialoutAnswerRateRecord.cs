namespace StreamWorker.Aggregates.Dialout;

/// <summary>
/// One record of <c>analytics-dialout-answer-rate</c> (docs/aggregates.md).
/// <paramref name="Final"/> is true on the one record emitted when the window closes (docs/topology.md, "Window completion").
/// </summary>
public sealed record DialoutAnswerRateRecord(
    long CompanyId,
    long WindowStartMs,
    long WindowEndMs,
    int Attempts,
    int Answered,
    int Rejected,
    int NoAnswer,
    int Cancelled,
    int NotEnabled,
    int Pending,
    double? AnswerRate,
    bool Final = false);
