using StreamWorker.Aggregates;

namespace StreamWorker.Aggregates.Tests;

/// <summary>
/// Drives both stages as the topology does: one conference, the partition's stream time advanced by every event,
/// dial-out changes fed to the company stage.
/// </summary>
internal sealed class ConferenceRun(AggregateSettings? settings = null)
{
    private readonly ConferenceAggregator conferences = new(settings ?? AggregateSettings.Default);
    private readonly CompanyDialoutAggregator companies = new(settings ?? AggregateSettings.Default);

    public ConferenceState State { get; } = new(Events.Conference);
    public Dictionary<long, CompanyDialoutState> Companies { get; } = [];
    public long StreamTime { get; private set; } = long.MinValue;
    public List<ConferenceStepResult> Results { get; } = [];
    public List<DialoutAnswerRateRecord> DialoutRecords { get; } = [];

    public ConferenceStepResult Apply(AggregateEvent e)
    {
        StreamTime = Math.Max(StreamTime, e.TimeMs);
        var result = conferences.Apply(State, e, StreamTime);
        Results.Add(result);
        if (result.DialoutChange is { } change)
        {
            if (!Companies.TryGetValue(change.CompanyId, out var company)) Companies[change.CompanyId] = company = new CompanyDialoutState(change.CompanyId);
            if (companies.Apply(company, change) is { } record) DialoutRecords.Add(record);
        }

        return result;
    }

    public ConferenceRun ApplyAll(params AggregateEvent[] events)
    {
        foreach (var e in events) Apply(e);
        return this;
    }

    /// <summary>Advances stream time as an event of another conference in the same partition would.</summary>
    public void AdvanceStreamTime(long time) => StreamTime = Math.Max(StreamTime, time);

    public DialoutAnswerRateRecord LastDialout => DialoutRecords[^1];
}
