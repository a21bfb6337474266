using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

// Company usage (3.5): applied events counted per company per day window by their own event time.
public sealed partial class ContractOracle
{
    /// <summary>The counted field of each event read (dialout_status_change: only when it starts an attempt).</summary>
    private static readonly Dictionary<string, string> UsageFieldOfEvent = new()
    {
        ["conference_start"] = "conferences_started",
        ["conference_end"] = "conferences_ended",
        ["enter_conference"] = "participant_joins",
        ["enter_livestream"] = "viewer_joins",
        ["start_recording"] = "recordings_started",
        ["recording_ready"] = "recordings_ready",
        ["transcription_ready"] = "transcriptions_ready",
        ["start_streaming"] = "streams_started",
        ["start_broadcasting"] = "broadcasts_started",
        ["stream_preview_updated"] = "previews_updated",
        ["drive_file_added"] = "drive_files_added",
        ["drive_file_deleted"] = "drive_files_deleted",
        ["one_time_access_code_reused"] = "access_code_reuses",
        ["profile_picture_upload_success"] = "profile_picture_uploads",
        ["profile_picture_upload_failure"] = "profile_picture_failures",
        ["dialout_status_change"] = "dialout_attempts",
    };

    /// <summary>The counts of a usage record, in record order.</summary>
    private static readonly string[] UsageCounts =
    [
        "conferences_started", "conferences_ended", "participant_joins", "viewer_joins", "recordings_started", "recordings_ready",
        "transcriptions_ready", "streams_started", "broadcasts_started", "previews_updated", "drive_files_added", "drive_bytes_added",
        "drive_files_deleted", "access_code_reuses", "profile_picture_uploads", "profile_picture_failures", "dialout_attempts",
    ];

    private readonly HashSet<string> _seenByUsage = [];
    private readonly Dictionary<(long Company, long WindowStart), Dictionary<string, long>> _usage = [];

    /// <summary>Returns true when the event is late for this aggregate (its day window closed by this partition's stream time).</summary>
    private bool Usage(string eventId, string name, JsonObject payload, long time, OracleAttempt? startedAttempt)
    {
        if (!UsageFieldOfEvent.TryGetValue(name, out var field) || (name == "dialout_status_change" && startedAttempt is null))
        {
            return false;
        }

        if (_seenByUsage.Contains(eventId))
        {
            return false;
        }

        var windowStart = WindowStart(time, UsageWindow);
        if (_streamTime >= windowStart + UsageWindow + UsageGrace)
        {
            return true;
        }

        _seenByUsage.Add(eventId);
        var company = payload["company_id"]?.GetValue<long>();
        if (payload["conference_id"] is not null)
        {
            var conference = Conference(payload);
            conference.RememberIds(payload);
            company ??= conference.CompanyId;
        }

        if (company is not { } companyId)
        {
            return false; // no_company: a metric, nothing else
        }

        if (!_usage.TryGetValue((companyId, windowStart), out var counts))
        {
            counts = UsageCounts.ToDictionary(c => c, _ => 0L);
            _usage[(companyId, windowStart)] = counts;
        }

        counts[field]++;
        if (name == "drive_file_added")
        {
            counts["drive_bytes_added"] += payload["size"]!.GetValue<long>();
        }

        return false;
    }

    /// <summary>The latest usage record per company and day: the counts of every partition summed, final once the watermark closed the window.</summary>
    private static Dictionary<(string Key, string WindowStart), JsonObject> UsageRecords(IEnumerable<ContractOracle> partitions, long watermark)
    {
        var records = new Dictionary<(string Key, string WindowStart), JsonObject>();
        foreach (var group in partitions.SelectMany(p => p._usage).GroupBy(u => u.Key))
        {
            var (company, windowStart) = group.Key;
            var record = new JsonObject
            {
                ["company_id"] = company,
                ["window_start"] = FormatTime(windowStart),
                ["window_end"] = FormatTime(windowStart + UsageWindow),
            };
            foreach (var count in UsageCounts)
            {
                record[count] = group.Sum(g => g.Value[count]);
            }

            record["final"] = watermark >= windowStart + UsageWindow + UsageGrace;
            records[(company.ToString(CultureInfo.InvariantCulture), FormatTime(windowStart))] = record;
        }

        return records;
    }
}
