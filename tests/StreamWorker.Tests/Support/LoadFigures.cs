using System.Net;

namespace StreamWorker.Tests.Support;

/// <summary>Counts of a load run, reconciled against what the events topic holds.</summary>
public sealed record LoadFigures(int Sent, int Acknowledged, int Unavailable, int ConnectionErrors, int Other, int Found, int Lost)
{
    public static LoadFigures Reconcile(IReadOnlyList<LoadOutcome> outcomes, IReadOnlySet<string> storedEventIds)
    {
        var acknowledged = outcomes.Where(o => o.Status == HttpStatusCode.Accepted).Select(o => o.EventId!).ToHashSet(StringComparer.Ordinal);
        var found = acknowledged.Count(storedEventIds.Contains);
        return new LoadFigures(
            outcomes.Count,
            acknowledged.Count,
            outcomes.Count(o => o.Status == HttpStatusCode.ServiceUnavailable),
            outcomes.Count(o => o.Status is null),
            outcomes.Count(o => o.Status is not null and not HttpStatusCode.Accepted and not HttpStatusCode.ServiceUnavailable),
            found,
            acknowledged.Count - found);
    }

    public override string ToString() =>
        $"sent={Sent} acknowledged(202)={Acknowledged} unavailable(503)={Unavailable} connection_errors={ConnectionErrors} other={Other} found={Found} lost={Lost}";
}
