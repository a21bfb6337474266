using System.Globalization;
using StreamWorker.Kafka;

namespace StreamWorker.Topology.Stages;

/// <summary>
/// Where each output of the stages' rules goes: its route out of the stage, its record key, and the topic it ends
/// in (for telemetry). A new rule's output type is added here, with its sink in <see cref="ProcessorTopology"/>.
/// </summary>
public static class ConferenceOutputs
{
    public static (OutputKind Kind, string Key) Route(object output) => output switch
    {
        ParticipantsRecord r => (OutputKind.Participants, Id(r.ConferenceId)),
        LivestreamChurnRecord r => (OutputKind.LivestreamChurn, Id(r.ConferenceId)),
        SessionRecord r => (OutputKind.Sessions, Id(r.ConferenceId)),
        DialoutAttemptChange c => (OutputKind.CompanyChange, Id(c.CompanyId)),
        UsageCount c => (OutputKind.CompanyChange, Id(c.CompanyId)),
        DialoutAnswerRateRecord r => (OutputKind.DialoutAnswerRate, Id(r.CompanyId)),
        CompanyUsageRecord r => (OutputKind.CompanyUsage, Id(r.CompanyId)),
        _ => throw new ArgumentException($"no route for {output?.GetType().Name ?? "null"}", nameof(output)),
    };

    /// <summary>The output topic a route ends in; null for the route to the company stage.</summary>
    public static string? Topic(OutputKind kind, TopicOptions topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return kind switch
        {
            OutputKind.Participants => topics.Participants,
            OutputKind.LivestreamChurn => topics.LivestreamChurn,
            OutputKind.Sessions => topics.Sessions,
            OutputKind.DialoutAnswerRate => topics.DialoutAnswerRate,
            OutputKind.CompanyUsage => topics.CompanyUsage,
            OutputKind.DeadLetter => topics.DeadLetter,
            _ => null,
        };
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
