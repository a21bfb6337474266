using StreamWorker.Events;

namespace StreamWorker.Aggregates.Common;

/// <summary>
/// The aggregates by the names their output topics end with (<c>analytics-&lt;name&gt;</c>), as <c>Processor:Aggregates</c>
/// lists them, and the rule for which may run without which.
/// </summary>
public static class AggregateNames
{
    public const AggregateSet All = AggregateSet.Participants | AggregateSet.LivestreamChurn | AggregateSet.DialoutAnswerRate
        | AggregateSet.Sessions | AggregateSet.CompanyUsage;

    public static IReadOnlyDictionary<string, AggregateSet> ByName { get; } = new Dictionary<string, AggregateSet>(StringComparer.Ordinal)
    {
        [Suffix(TopicNames.Participants)] = AggregateSet.Participants,
        [Suffix(TopicNames.LivestreamChurn)] = AggregateSet.LivestreamChurn,
        [Suffix(TopicNames.DialoutAnswerRate)] = AggregateSet.DialoutAnswerRate,
        [Suffix(TopicNames.Sessions)] = AggregateSet.Sessions,
        [Suffix(TopicNames.CompanyUsage)] = AggregateSet.CompanyUsage,
    };

    /// <summary>Every name, comma separated, in the order of the contract.</summary>
    public static string AllNames { get; } = string.Join(",", ByName.Keys);

    /// <summary>
    /// Reads a comma-separated list of names (spaces around them ignored). Null on success, else why it is refused:
    /// an unknown or repeated name, an empty list, or sessions or usage without dial-outs (both count the attempts the
    /// dial-out aggregate tracks).
    /// </summary>
    public static string? TryParse(string? list, out AggregateSet aggregates)
    {
        aggregates = AggregateSet.None;
        foreach (var raw in (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!ByName.TryGetValue(raw, out var one)) return $"unknown aggregate '{raw}' (known: {AllNames})";
            if ((aggregates & one) != 0) return $"'{raw}' is listed twice";
            aggregates |= one;
        }

        if (aggregates == AggregateSet.None) return $"lists no aggregate (known: {AllNames})";
        if ((aggregates & (AggregateSet.Sessions | AggregateSet.CompanyUsage)) != 0 && (aggregates & AggregateSet.DialoutAnswerRate) == 0)
        {
            return "conference-sessions and company-usage need dialout-answer-rate (they count the dial-out attempts it tracks)";
        }

        return null;
    }

    private static string Suffix(string topic) => topic["analytics-".Length..];
}
