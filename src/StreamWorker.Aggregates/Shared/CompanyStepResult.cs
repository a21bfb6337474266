namespace StreamWorker.Aggregates;

/// <summary>What one attempt change (or window-closed notice) did at the company stage.</summary>
/// <param name="Record">The window's record to emit (an update, or with <c>Final</c> the window's final record), or null.</param>
/// <param name="Late">The change came for a window already complete: it changed nothing.</param>
public sealed record CompanyStepResult(DialoutAnswerRateRecord? Record, bool Late = false);
