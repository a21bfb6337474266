using FsCheck.Xunit;
using StreamWorker.Aggregates.Tests.Support;

namespace StreamWorker.Aggregates.Tests;

/// <summary>
/// <c>Processor:Aggregates</c> leaves aggregates out: the ones left out emit nothing and write no state, and the
/// ones kept count exactly what they count beside all the others. Identities may differ: a record's company and host
/// come from the conference's applied events, and without sessions and usage a <c>conference_start</c> is applied by
/// none (docs/configuration.md), so the property compares the records without them, and dial-outs that carry their company.
/// </summary>
public class AggregateSelectionTests
{
    private const AggregateSet Windowed = AggregateSet.Participants | AggregateSet.LivestreamChurn | AggregateSet.DialoutAnswerRate;

    [Property(MaxTest = 200)]
    public bool WindowedAggregatesOnly_CountWhatTheyCountBesideSessionsAndUsage(byte[] bytes)
    {
        var events = ArbitraryEvents.From(bytes).Where(e => e.Kind != AggregateEventKind.DialoutStatusChange || e.CompanyId is not null).ToList();
        var all = new ConferenceRun(Support.Events.ShortSessions).ApplyAll([.. events]);
        var windowed = new ConferenceRun(Support.Events.ShortSessions with { Aggregates = Windowed }).ApplyAll([.. events]);

        return windowed.SessionRecords.Count == 0 && windowed.UsageRecords.Count == 0
            && !windowed.State.Keys.Any(k => k.StartsWith("s/", StringComparison.Ordinal) || k.StartsWith("sm/", StringComparison.Ordinal))
            && all.ParticipantsRecords.Select(r => r with { CompanyId = null, HostId = null }).SequenceEqual(windowed.ParticipantsRecords.Select(r => r with { CompanyId = null, HostId = null }))
            && all.ChurnRecords.Select(r => r with { CompanyId = null }).SequenceEqual(windowed.ChurnRecords.Select(r => r with { CompanyId = null }))
            && all.DialoutRecords.SequenceEqual(windowed.DialoutRecords);
    }
}
