using System.Collections.Frozen;

namespace StreamWorker.Aggregates;

/// <summary>
/// Decides whether an aggregate consumes an event and turns it into an <see cref="AggregateEvent"/>,
/// naming each field it needs but lacks (the gateway validates, but the topic may hold older or foreign writes).
/// </summary>
public static class AggregateEventFactory
{
    /// <summary>The 22 event names of webhook-events.md; anything else is unknown.</summary>
    public static FrozenSet<string> KnownEventNames { get; } = new[]
    {
        "conference_start", "conference_end", "start_recording", "stop_recording", "start_streaming", "stop_streaming",
        "recording_ready", "transcription_ready", "enter_livestream", "leave_livestream", "stream_preview_updated",
        "profile_picture_upload_success", "profile_picture_upload_failure", "enter_conference", "leave_conference",
        "dialout_status_change", "participant_role_changed", "start_broadcasting", "stop_broadcasting",
        "drive_file_added", "drive_file_deleted", "one_time_access_code_reused",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static EventReading Read(EventRawFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        AggregateEventKind? kind = fields.EventName switch
        {
            "enter_conference" => AggregateEventKind.EnterConference,
            "leave_conference" => AggregateEventKind.LeaveConference,
            "conference_end" => AggregateEventKind.ConferenceEnd,
            "enter_livestream" => AggregateEventKind.EnterLivestream,
            "leave_livestream" => AggregateEventKind.LeaveLivestream,
            "dialout_status_change" => AggregateEventKind.DialoutStatusChange,
            _ => null,
        };
        if (kind is null)
        {
            var relevance = KnownEventNames.Contains(fields.EventName) ? EventRelevance.NotConsumed : EventRelevance.Unknown;
            return new EventReading(relevance, null, []);
        }

        var problems = new List<KeyValuePair<string, string>>();
        Require(problems, fields.ConferenceId, "payload.conference_id");
        var needsParticipant = kind is not AggregateEventKind.ConferenceEnd;
        if (needsParticipant) Require(problems, fields.ParticipantId, "payload.participant_id");

        LeaveReason? reason = null;
        if (kind is AggregateEventKind.LeaveConference or AggregateEventKind.LeaveLivestream)
        {
            reason = ParseReason(fields.ReasonForLeaving);
            if (reason is null) problems.Add(new("payload.reason_for_leaving", "required: user_exit, user_dropped, host_kicked or host_kicked_blocked"));
        }

        DialoutStatus? status = null;
        if (kind is AggregateEventKind.DialoutStatusChange)
        {
            // The attempt is counted for a company, so a dial-out event without one cannot be used.
            Require(problems, fields.CompanyId, "payload.company_id");
            status = ParseStatus(fields.Status);
            if (status is null) problems.Add(new("payload.status", "required: new, dialed, answered, rejected, noanswer, cancelled or notenabled"));
        }

        if (problems.Count > 0) return new EventReading(EventRelevance.Unusable, null, problems);
        var e = new AggregateEvent(
            fields.EventId, kind.Value, fields.TimeMs, fields.ConferenceId!.Value, fields.CompanyId, fields.HostId,
            fields.ParticipantId, reason, status);
        return new EventReading(EventRelevance.Consumed, e, []);
    }

    private static void Require(List<KeyValuePair<string, string>> problems, long? value, string field)
    {
        if (value is null) problems.Add(new(field, "required: an integer identifier"));
    }

    private static LeaveReason? ParseReason(string? text) => text switch
    {
        "user_exit" => LeaveReason.UserExit,
        "user_dropped" => LeaveReason.UserDropped,
        "host_kicked" => LeaveReason.HostKicked,
        "host_kicked_blocked" => LeaveReason.HostKickedBlocked,
        _ => null,
    };

    private static DialoutStatus? ParseStatus(string? text) => text switch
    {
        "new" => DialoutStatus.New,
        "dialed" => DialoutStatus.Dialed,
        "answered" => DialoutStatus.Answered,
        "rejected" => DialoutStatus.Rejected,
        "noanswer" => DialoutStatus.NoAnswer,
        "cancelled" => DialoutStatus.Cancelled,
        "notenabled" => DialoutStatus.NotEnabled,
        _ => null,
    };
}
