using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>
/// An independent, deliberately naive reading of docs/aggregates.md (plus the decisions of docs/topology.md):
/// fed the stored events of one partition in read order, it computes the latest record per (key, window_start)
/// of each analytics topic and the event ids dead-lettered as late (one entry per late record read).
/// No retention: scenarios must span far less than Processor:StateRetention.
/// </summary>
public sealed partial class ContractOracle
{
    public static readonly long ParticipantsWindow = Minutes(1);
    public static readonly long ChurnWindow = Minutes(5);
    public static readonly long DialoutWindow = Minutes(15);
    public static readonly long Grace = Minutes(2);
    public static readonly long DialoutGrace = Minutes(15);

    private static readonly string[] Outcomes = ["answered", "rejected", "noanswer", "cancelled", "notenabled", "pending"];

    private readonly Dictionary<long, OracleConference> _conferences = [];
    private readonly Dictionary<(long Company, long WindowStart), Dictionary<int, string>> _companyWindows = [];
    private readonly OracleResult _result = new();
    private long _streamTime = long.MinValue;
    private int _attemptCount;

    public static OracleResult Run(IEnumerable<JsonObject> storedEventsInReadOrder)
    {
        var oracle = new ContractOracle();
        foreach (var stored in storedEventsInReadOrder)
        {
            oracle.Read(stored);
        }

        // Window completion: a window closed by the partition's final stream time has had its final record, which
        // is then its latest. With one events partition, a dial-out window is complete when that partition closes it.
        oracle.MarkFinal(oracle._result.Participants, ParticipantsWindow, Grace);
        oracle.MarkFinal(oracle._result.Churn, ChurnWindow, Grace);
        oracle.MarkFinal(oracle._result.Dialout, DialoutWindow, DialoutGrace);
        return oracle._result;
    }

    /// <summary>
    /// The expected output of several events partitions, each fed in its own read order: conference windows close by
    /// their partition's stream time; a company's dial-out window sums the attempts every partition counted in it and
    /// is final once the lowest stream time over all partitions (one that read nothing has none) has passed it.
    /// </summary>
    public static OracleResult RunPartitioned(IReadOnlyList<IReadOnlyList<JsonObject>> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var result = new OracleResult();
        var oracles = new List<ContractOracle>();
        foreach (var partition in partitions)
        {
            var oracle = new ContractOracle();
            foreach (var stored in partition) oracle.Read(stored);
            oracle.MarkFinal(oracle._result.Participants, ParticipantsWindow, Grace);
            oracle.MarkFinal(oracle._result.Churn, ChurnWindow, Grace);
            foreach (var (key, record) in oracle._result.Participants) result.Participants.Add(key, record);
            foreach (var (key, record) in oracle._result.Churn) result.Churn.Add(key, record);
            result.LateEventIds.AddRange(oracle._result.LateEventIds);
            oracles.Add(oracle);
        }

        var watermark = oracles.Min(o => o._streamTime);
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

        var late = false;
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
                late = Dialout(eventId, payload, time);
                break;
            default:
                return;
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
