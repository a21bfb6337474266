namespace StreamWorker.Simulator.Generation;

/// <summary>
/// The most recent conferences started so far, overall, by host and by company: where an access code used again was
/// first issued. Bounded, so endless traffic keeps a fixed memory.
/// </summary>
internal sealed class ConferenceHistory
{
    private const int Kept = 64;
    private readonly List<long> _all = [];
    private readonly Dictionary<long, List<long>> _byHost = [];
    private readonly Dictionary<long, List<long>> _byCompany = [];

    public void Add(long conferenceId, long hostId, long companyId)
    {
        Append(_all, conferenceId);
        Append(Of(_byHost, hostId), conferenceId);
        Append(Of(_byCompany, companyId), conferenceId);
    }

    /// <summary>
    /// An earlier conference of the host, else of the company, else any; <paramref name="quantile"/> in [0, 1) picks
    /// which. Null before the first conference.
    /// </summary>
    public long? Earlier(long hostId, long companyId, double quantile)
    {
        var candidates = _byHost.GetValueOrDefault(hostId) ?? _byCompany.GetValueOrDefault(companyId) ?? _all;
        return candidates.Count == 0 ? null : candidates[Math.Min(candidates.Count - 1, (int)(quantile * candidates.Count))];
    }

    private static void Append(List<long> recent, long conferenceId)
    {
        if (recent.Count == Kept)
        {
            recent.RemoveAt(0);
        }

        recent.Add(conferenceId);
    }

    private static List<long> Of(Dictionary<long, List<long>> index, long key)
    {
        if (!index.TryGetValue(key, out var list))
        {
            list = [];
            index[key] = list;
        }

        return list;
    }
}
