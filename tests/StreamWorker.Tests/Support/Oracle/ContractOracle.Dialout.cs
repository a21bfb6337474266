using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

// Dial-out answer rate: each attempt's outcome, counted in the company window where the attempt started.
public sealed partial class ContractOracle
{
    /// <summary>Returns true when the event is late for this aggregate; <paramref name="started"/>: the attempt it started, if any (3.3).</summary>
    private bool Dialout(string eventId, JsonObject payload, long time, out OracleAttempt? started)
    {
        started = null;
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
            started = current;
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
}
