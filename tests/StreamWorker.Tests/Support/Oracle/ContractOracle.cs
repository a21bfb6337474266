using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>
/// An independent, deliberately naive reading of docs/aggregates.md (plus the decisions of docs/topology.md):
/// fed the stored events of one partition in read order, it computes the latest record per (key, window_start)
/// of each analytics topic and the event ids dead-lettered as late (one entry per late record read).
/// No retention: scenarios must span far less than Processor:StateRetention.
/// </summary>
public sealed class ContractOracle
{
    public static readonly long ParticipantsWindow = Minutes(1);
    public static readonly long ChurnWindow = Minutes(5);
    public static readonly long DialoutWindow = Minutes(15);
    public static readonly long Grace = Minutes(2);
    public static readonly long DialoutGrace = Minutes(15);

    private static readonly string[] ParticipantReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked", "conference_end"];
    private static readonly string[] ViewerReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];
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

    /// <summary>Returns true when the event is late for this aggregate.</summary>
    private bool Participants(string eventId, string name, JsonObject payload, long time)
    {
        var conference = Conference(payload);
        var window = CountingWindow(conference, conference.Participants, eventId, payload, time, ParticipantsWindow, ParticipantReasons, out var windowStart, out var late);
        if (window is null)
        {
            return late;
        }

        var set = conference.Participants.Present;
        UpdatePresence(set, window, name, payload, "enter_conference", "leave_conference", endCountsByReason: true);
        var record = new JsonObject
        {
            ["conference_id"] = conference.Id,
            ["company_id"] = conference.CompanyId,
            ["host_id"] = conference.HostId,
            ["window_start"] = FormatTime(windowStart),
            ["window_end"] = FormatTime(windowStart + ParticipantsWindow),
            ["joins"] = window.Added,
            ["leaves"] = window.Removed,
            ["concurrent"] = set.Count,
            ["peak_concurrent"] = window.Peak,
            ["leaves_by_reason"] = ReasonsObject(window, ParticipantReasons),
        };
        _result.Participants[(conference.Id.ToString(CultureInfo.InvariantCulture), FormatTime(windowStart))] = record;
        return false;
    }

    /// <summary>
    /// Where participants and churn agree (3.1, 3.2): an event the aggregate applied before changes nothing, one whose
    /// window has closed is <paramref name="late"/>; any other counts in its window, created with the set carried in.
    /// Null when the event does not count.
    /// </summary>
    private OracleWindow? CountingWindow(
        OracleConference conference, OraclePresence presence, string eventId, JsonObject payload, long time, long size, string[] reasons, out long windowStart, out bool late)
    {
        windowStart = WindowStart(time, size);
        late = false;
        if (presence.Seen.Contains(eventId))
        {
            return null;
        }

        if (_streamTime >= windowStart + size + Grace)
        {
            late = true;
            return null;
        }

        presence.Seen.Add(eventId);
        conference.RememberIds(payload);
        if (!presence.Windows.TryGetValue(windowStart, out var window))
        {
            window = new OracleWindow(presence.Present.Count, reasons);
            presence.Windows[windowStart] = window;
        }

        return window;
    }

    /// <summary>Enter adds, leave removes (counted by reason), conference_end empties the set (3.1, 3.2); the window keeps its peak.</summary>
    private static void UpdatePresence(HashSet<long> set, OracleWindow window, string name, JsonObject payload, string enter, string leave, bool endCountsByReason)
    {
        if (name == enter)
        {
            if (set.Add(payload["participant_id"]!.GetValue<long>()))
            {
                window.Added++;
            }
        }
        else if (name == leave)
        {
            if (set.Remove(payload["participant_id"]!.GetValue<long>()))
            {
                window.Removed++;
                window.ByReason[payload["reason_for_leaving"]!.GetValue<string>()]++;
            }
        }
        else
        {
            window.Removed += set.Count;
            if (endCountsByReason)
            {
                window.ByReason["conference_end"] += set.Count;
            }

            set.Clear();
        }

        window.Peak = Math.Max(window.Peak, set.Count);
    }

    private bool Churn(string eventId, string name, JsonObject payload, long time)
    {
        var conference = Conference(payload);
        var window = CountingWindow(conference, conference.Viewers, eventId, payload, time, ChurnWindow, ViewerReasons, out var windowStart, out var late);
        if (window is null)
        {
            return late;
        }

        var set = conference.Viewers.Present;

        // conference_end: counted in leaves only, not by reason (3.2).
        UpdatePresence(set, window, name, payload, "enter_livestream", "leave_livestream", endCountsByReason: false);
        var denominator = window.CarriedIn + window.Added;
        var record = new JsonObject
        {
            ["conference_id"] = conference.Id,
            ["company_id"] = conference.CompanyId,
            ["window_start"] = FormatTime(windowStart),
            ["window_end"] = FormatTime(windowStart + ChurnWindow),
            ["viewers_at_start"] = window.CarriedIn,
            ["enters"] = window.Added,
            ["leaves"] = window.Removed,
            ["leaves_by_reason"] = ReasonsObject(window, ViewerReasons),
            ["peak_viewers"] = window.Peak,
            ["churn_rate"] = denominator == 0 ? null : (double)window.Removed / denominator,
        };
        _result.Churn[(conference.Id.ToString(CultureInfo.InvariantCulture), FormatTime(windowStart))] = record;
        return false;
    }

    private bool Dialout(string eventId, JsonObject payload, long time)
    {
        var conference = Conference(payload);
        if (conference.SeenByDialout.Contains(eventId))
        {
            return false;
        }

        var participant = payload["participant_id"]!.GetValue<long>();
        var status = payload["status"]!.GetValue<string>();
        conference.Attempts.TryGetValue(participant, out var current);
        var starts = current is null || (status == "new" && current.Outcome != "pending");
        var windowStart = starts ? WindowStart(time, DialoutWindow) : current!.WindowStart;
        if (_streamTime >= windowStart + DialoutWindow + DialoutGrace)
        {
            return true;
        }

        conference.SeenByDialout.Add(eventId);
        conference.RememberIds(payload);
        if (starts)
        {
            current = new OracleAttempt(++_attemptCount, payload["company_id"]!.GetValue<long>(), windowStart);
            conference.Attempts[participant] = current;
        }

        current!.Outcome = status switch
        {
            "answered" => "answered",
            "rejected" or "noanswer" or "cancelled" or "notenabled" when current.Outcome == "pending" => status,
            _ => current.Outcome,
        };

        var key = (current.CompanyId, current.WindowStart);
        if (!_companyWindows.TryGetValue(key, out var outcomes))
        {
            outcomes = [];
            _companyWindows[key] = outcomes;
        }

        outcomes[current.Id] = current.Outcome;
        var record = new JsonObject
        {
            ["company_id"] = current.CompanyId,
            ["window_start"] = FormatTime(current.WindowStart),
            ["window_end"] = FormatTime(current.WindowStart + DialoutWindow),
            ["attempts"] = outcomes.Count,
        };
        foreach (var outcome in Outcomes)
        {
            record[outcome] = outcomes.Values.Count(o => o == outcome);
        }

        var decided = outcomes.Values.Count(o => o is "answered" or "rejected" or "noanswer" or "cancelled");
        record["answer_rate"] = decided == 0 ? null : (double)outcomes.Values.Count(o => o == "answered") / decided;
        _result.Dialout[(current.CompanyId.ToString(CultureInfo.InvariantCulture), FormatTime(current.WindowStart))] = record;
        return false;
    }

    private static JsonObject ReasonsObject(OracleWindow window, string[] reasons)
    {
        var reasonsObject = new JsonObject();
        foreach (var reason in reasons)
        {
            reasonsObject[reason] = window.ByReason[reason];
        }

        return reasonsObject;
    }
}
