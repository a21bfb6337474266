namespace StreamWorker.Aggregates.Dialout;

/// <summary>
/// The company stage's record of one dial-out window: the record as emitted, the length of its attempt list, and
/// whether it is complete (every events partition's stream time has passed its end plus grace: its final record
/// was emitted).
/// </summary>
public sealed record CompanyWindowValue(long Offset, DialoutAnswerRateRecord Record, int ListedKeys, bool IsComplete)
    : StateValue(Offset);
