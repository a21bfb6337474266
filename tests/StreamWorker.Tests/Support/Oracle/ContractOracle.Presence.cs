using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

// Concurrent participants (3.1) and livestream churn (3.2): presence sets counted per window, leaves by reason.
public sealed partial class ContractOracle
{
    private static readonly string[] ParticipantReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked", "conference_end"];
    private static readonly string[] ViewerReasons = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];

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
