namespace StreamWorker.Aggregates.Common;

/// <summary>
/// The aggregates keyed by conference, in the order their outputs are emitted for one event. A new aggregate is a
/// new rule registered here, with its flag in <see cref="AggregateSet"/>, its topic and its schema.
/// </summary>
public static class ConferenceRules
{
    /// <summary>The rules of the aggregates <paramref name="settings"/> lists (<see cref="AggregateSettings.Aggregates"/>).</summary>
    public static IReadOnlyList<ConferenceRule> All(AggregateSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [.. Every(settings).Where(rule => (settings.Aggregates & rule.Aggregate) != 0)];
    }

    private static ConferenceRule[] Every(AggregateSettings settings) =>
    [
        new ParticipantsRule(settings),
        new LivestreamChurnRule(settings),
        new DialoutAttemptRule(settings),

        // After the dial-out rule: both read whether it started an attempt, and the attempt as it was before the event.
        new SessionsRule(settings),
        new CompanyUsageRule(settings),
    ];
}
