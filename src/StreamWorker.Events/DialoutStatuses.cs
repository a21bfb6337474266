namespace StreamWorker.Events;

/// <summary>The values of <c>status</c> on <c>dialout_status_change</c> (docs/webhook-events.md).</summary>
public static class DialoutStatuses
{
    public const string New = "new";
    public const string Dialed = "dialed";
    public const string Answered = "answered";
    public const string Rejected = "rejected";
    public const string NoAnswer = "noanswer";
    public const string Cancelled = "cancelled";
    public const string NotEnabled = "notenabled";

    /// <summary>Every value, in the order of the documentation.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly([New, Dialed, Answered, Rejected, NoAnswer, Cancelled, NotEnabled]);
}
