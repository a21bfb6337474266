namespace StreamWorker.Events;

/// <summary>
/// The documented topic names (docs/topics.md): the defaults of the gateway's and processor's <c>Topics</c>
/// settings and the names the simulator and deployment assume. Deployments may rename them in settings.
/// </summary>
public static class TopicNames
{
    /// <summary>Verified events as the gateway stores them (<see cref="StoredEventReader"/>).</summary>
    public const string Events = "webhook-events";

    /// <summary>Authentic events that were not used (<see cref="DeadLetterRecord"/>).</summary>
    public const string DeadLetter = "webhook-events-dlq";

    public const string Participants = "analytics-conference-participants";
    public const string LivestreamChurn = "analytics-livestream-churn";
    public const string DialoutAnswerRate = "analytics-dialout-answer-rate";
    public const string Sessions = "analytics-conference-sessions";
    public const string CompanyUsage = "analytics-company-usage";
}
