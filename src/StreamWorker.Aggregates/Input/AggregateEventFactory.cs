using StreamWorker.Events;
using Field = StreamWorker.Events.PayloadFieldNames;

namespace StreamWorker.Aggregates.Input;

/// <summary>
/// Decides whether an aggregate consumes an event and turns it into an <see cref="AggregateEvent"/>,
/// naming each field it needs but lacks (the gateway validates, but the topic may hold older or foreign writes).
/// </summary>
public static class AggregateEventFactory
{
    private const string ConferenceIdPath = "payload." + Field.ConferenceId;
    private const string ParticipantIdPath = "payload." + Field.ParticipantId;
    private const string CompanyIdPath = "payload." + Field.CompanyId;
    private const string ReasonPath = "payload." + Field.ReasonForLeaving;
    private const string StatusPath = "payload." + Field.Status;

    private static readonly string ReasonRequired = Required(ReasonsForLeaving.All);
    private static readonly string StatusRequired = Required(DialoutStatuses.All);

    public static EventReading Read(EventRawFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        AggregateEventKind? kind = fields.EventName switch
        {
            WebhookEventNames.EnterConference => AggregateEventKind.EnterConference,
            WebhookEventNames.LeaveConference => AggregateEventKind.LeaveConference,
            WebhookEventNames.ConferenceEnd => AggregateEventKind.ConferenceEnd,
            WebhookEventNames.EnterLivestream => AggregateEventKind.EnterLivestream,
            WebhookEventNames.LeaveLivestream => AggregateEventKind.LeaveLivestream,
            WebhookEventNames.DialoutStatusChange => AggregateEventKind.DialoutStatusChange,
            _ => null,
        };
        if (kind is null)
        {
            var relevance = WebhookEventNames.IsKnown(fields.EventName) ? EventRelevance.NotConsumed : EventRelevance.Unknown;
            return new EventReading(relevance, null, []);
        }

        var problems = new List<KeyValuePair<string, string>>();
        Require(problems, fields.ConferenceId, ConferenceIdPath);
        var needsParticipant = kind is not AggregateEventKind.ConferenceEnd;
        if (needsParticipant) Require(problems, fields.ParticipantId, ParticipantIdPath);

        LeaveReason? reason = null;
        if (kind is AggregateEventKind.LeaveConference or AggregateEventKind.LeaveLivestream)
        {
            reason = ParseReason(fields.ReasonForLeaving);
            if (reason is null) problems.Add(new(ReasonPath, ReasonRequired));
        }

        DialoutStatus? status = null;
        if (kind is AggregateEventKind.DialoutStatusChange)
        {
            // The attempt is counted for a company, so a dial-out event without one cannot be used.
            Require(problems, fields.CompanyId, CompanyIdPath);
            status = ParseStatus(fields.Status);
            if (status is null) problems.Add(new(StatusPath, StatusRequired));
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

    /// <summary><c>required: a, b or c</c>.</summary>
    private static string Required(IReadOnlyList<string> values) =>
        "required: " + string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1];

    private static LeaveReason? ParseReason(string? text) => text switch
    {
        ReasonsForLeaving.UserExit => LeaveReason.UserExit,
        ReasonsForLeaving.UserDropped => LeaveReason.UserDropped,
        ReasonsForLeaving.HostKicked => LeaveReason.HostKicked,
        ReasonsForLeaving.HostKickedBlocked => LeaveReason.HostKickedBlocked,
        _ => null,
    };

    private static DialoutStatus? ParseStatus(string? text) => text switch
    {
        DialoutStatuses.New => DialoutStatus.New,
        DialoutStatuses.Dialed => DialoutStatus.Dialed,
        DialoutStatuses.Answered => DialoutStatus.Answered,
        DialoutStatuses.Rejected => DialoutStatus.Rejected,
        DialoutStatuses.NoAnswer => DialoutStatus.NoAnswer,
        DialoutStatuses.Cancelled => DialoutStatus.Cancelled,
        DialoutStatuses.NotEnabled => DialoutStatus.NotEnabled,
        _ => null,
    };
}
