using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>
/// An independent, deliberately naive reading of docs/aggregates.md (plus the decisions of docs/topology.md):
/// fed the stored events of one partition in read order, it computes the latest record per (key, window_start)
/// of each analytics topic and the event ids dead-lettered as late (one entry per late record read).
/// With <c>sessionsAndUsage: true</c> it also computes conference sessions (3.4) and company usage (3.5), whose
/// lateness then feeds the late dead letters too; without, those topics are neither computed nor compared.
/// No retention: scenarios must span far less than Processor:StateRetention.
/// </summary>
public sealed partial class ContractOracle
{
    public static readonly long ParticipantsWindow = Minutes(1);
    public static readonly long ChurnWindow = Minutes(5);
    public static readonly long DialoutWindow = Minutes(15);
    public static readonly long Grace = Minutes(2);
    public static readonly long DialoutGrace = Minutes(15);
    public static readonly long SessionTimeout = Minutes(12 * 60);
    public static readonly long UsageWindow = Minutes(24 * 60);
    public static readonly long UsageGrace = Minutes(60);

    private static readonly string[] Outcomes = ["answered", "rejected", "noanswer", "cancelled", "notenabled", "pending"];

    private readonly Dictionary<long, OracleConference> _conferences = [];
    private readonly Dictionary<(long Company, long WindowStart), Dictionary<int, string>> _companyWindows = [];
    private readonly OracleResult _result = new();
    private readonly bool _sessionsAndUsage;
    private long _streamTime = long.MinValue;
    private int _attemptCount;

    private ContractOracle(bool sessionsAndUsage)
    {
        _sessionsAndUsage = sessionsAndUsage;
        if (sessionsAndUsage) _result.Sessions = [];
    }

    /// <param name="storedEventsInReadOrder">The stored events of the one events partition, in read order.</param>
    /// <param name="sessionsAndUsage">Also compute (and so compare) analytics-conference-sessions and analytics-company-usage.</param>
    public static OracleResult Run(IEnumerable<JsonObject> storedEventsInReadOrder, bool sessionsAndUsage = false)
    {
        ArgumentNullException.ThrowIfNull(storedEventsInReadOrder);
        var oracle = new ContractOracle(sessionsAndUsage);
        foreach (var stored in storedEventsInReadOrder)
        {
            oracle.Read(stored);
        }

        // Window completion: a window closed by the partition's final stream time has had its final record, which
        // is then its latest. With one events partition, a dial-out window is complete when that partition closes it.
        oracle.MarkFinal(oracle._result.Participants, ParticipantsWindow, Grace);
        oracle.MarkFinal(oracle._result.Churn, ChurnWindow, Grace);
        oracle.MarkFinal(oracle._result.Dialout, DialoutWindow, DialoutGrace);
        if (sessionsAndUsage)
        {
            oracle.CloseSessions();
            oracle._result.CompanyUsage = UsageRecords([oracle], oracle._streamTime);
        }

        return oracle._result;
    }

    /// <summary>
    /// The expected output of several events partitions, each fed in its own read order: conference windows and
    /// sessions close by their partition's stream time; a company's dial-out (and usage) window sums what every
    /// partition counted in it and is final once the lowest stream time over all partitions has passed it (dial-out:
    /// a partition that read nothing holds it open; usage: such a partition has no stream time and is left out).
    /// </summary>
    public static OracleResult RunPartitioned(IReadOnlyList<IReadOnlyList<JsonObject>> partitions, bool sessionsAndUsage = false)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var result = new OracleResult();
        var oracles = new List<ContractOracle>();
        if (sessionsAndUsage) result.Sessions = [];
        foreach (var partition in partitions)
        {
            var oracle = new ContractOracle(sessionsAndUsage);
            foreach (var stored in partition) oracle.Read(stored);
            oracle.MarkFinal(oracle._result.Participants, ParticipantsWindow, Grace);
            oracle.MarkFinal(oracle._result.Churn, ChurnWindow, Grace);
            foreach (var (key, record) in oracle._result.Participants) result.Participants.Add(key, record);
            foreach (var (key, record) in oracle._result.Churn) result.Churn.Add(key, record);
            if (sessionsAndUsage)
            {
                oracle.CloseSessions();
                foreach (var (key, record) in oracle._result.Sessions!) result.Sessions!.Add(key, record);
                foreach (var (key, record) in oracle._result.SessionAlternatives) result.SessionAlternatives.Add(key, record);
            }

            result.LateEventIds.AddRange(oracle._result.LateEventIds);
            oracles.Add(oracle);
        }

        var watermark = oracles.Min(o => o._streamTime);

        // Usage windows close by the slowest partition that has a stream time (section 2, design reading 9).
        if (sessionsAndUsage) result.CompanyUsage = UsageRecords(oracles, oracles.Where(o => o._streamTime != long.MinValue).Select(o => o._streamTime).DefaultIfEmpty(long.MinValue).Min());
        foreach (var (key, record) in oracles.SelectMany(o => o._result.Dialout))
        {
            if (result.Dialout.TryGetValue(key, out var sum))
            {
                foreach (var field in Outcomes.Append("attempts")) sum[field] = sum[field]!.GetValue<int>() + record[field]!.GetValue<int>();
            }
            else
            {
                result.Dialout[key] = sum = record.DeepClone().AsObject();
            }

            var decided = new[] { "answered", "rejected", "noanswer", "cancelled" }.Sum(f => sum[f]!.GetValue<int>());
            sum["answer_rate"] = decided == 0 ? null : (double)sum["answered"]!.GetValue<int>() / decided;
            var start = DateTimeOffset.Parse(key.WindowStart, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            sum["final"] = watermark >= start + DialoutWindow + DialoutGrace;
        }

        return result;
    }

    private void MarkFinal(Dictionary<(string Key, string WindowStart), JsonObject> records, long size, long grace)
    {
        foreach (var ((_, windowStart), record) in records)
        {
            var start = DateTimeOffset.Parse(windowStart, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            record["final"] = _streamTime >= start + size + grace;
        }
    }

    public static string FormatTime(long epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static long Minutes(int minutes) => minutes * 60_000L;

    private static long WindowStart(long time, long size) => time - (((time % size) + size) % size);

    private void Read(JsonObject stored)
    {
        var eventId = stored["event_id"]!.GetValue<string>();
        var name = stored["event"]!.GetValue<string>();
        var time = DateTimeOffset.Parse(stored["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

        // Stream time counts every parsed record, before its own lateness test.
        _streamTime = Math.Max(_streamTime, time);

        if (stored["payload"] is not JsonObject payload)
        {
            return;
        }

        // A session that stream time has timed out ends at the next event of its conference, before that event counts.
        if (_sessionsAndUsage && payload["conference_id"] is not null && (SessionEvents.Contains(name) || UsageFieldOfEvent.ContainsKey(name)))
        {
            TimeOutSession(Conference(payload));
        }

        var late = false;
        OracleAttempt? started = null;
        switch (name)
        {
            case "enter_conference":
            case "leave_conference":
                late = Participants(eventId, name, payload, time);
                break;
            case "enter_livestream":
            case "leave_livestream":
                late = Churn(eventId, name, payload, time);
                break;
            case "conference_end":
                var lateForParticipants = Participants(eventId, name, payload, time);
                var lateForChurn = Churn(eventId, name, payload, time);
                late = lateForParticipants || lateForChurn;
                break;
            case "dialout_status_change":
                late = Dialout(eventId, payload, time, out started);
                break;
            default:
                break;
        }

        if (_sessionsAndUsage)
        {
            // Each aggregate decides on its own (3.0); one dead letter however many find the event late.
            late |= Sessions(eventId, name, payload, time, started);
            late |= Usage(eventId, name, payload, time, started);
        }

        if (late)
        {
            _result.LateEventIds.Add(eventId);
        }
    }

    private OracleConference Conference(JsonObject payload)
    {
        var id = payload["conference_id"]!.GetValue<long>();
        if (!_conferences.TryGetValue(id, out var conference))
        {
            conference = new OracleConference(id);
            _conferences[id] = conference;
        }

        return conference;
    }
}
