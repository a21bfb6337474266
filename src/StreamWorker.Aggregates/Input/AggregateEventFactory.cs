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

    private const string HostIdPath = "payload." + Field.HostId;
    private const string SizePath = "payload." + Field.Size;

    private static readonly Dictionary<string, AggregateEventKind> Kinds = new(StringComparer.Ordinal)
    {
        [WebhookEventNames.EnterConference] = AggregateEventKind.EnterConference,
        [WebhookEventNames.LeaveConference] = AggregateEventKind.LeaveConference,
        [WebhookEventNames.ConferenceEnd] = AggregateEventKind.ConferenceEnd,
        [WebhookEventNames.EnterLivestream] = AggregateEventKind.EnterLivestream,
        [WebhookEventNames.LeaveLivestream] = AggregateEventKind.LeaveLivestream,
        [WebhookEventNames.DialoutStatusChange] = AggregateEventKind.DialoutStatusChange,
        [WebhookEventNames.ConferenceStart] = AggregateEventKind.ConferenceStart,
        [WebhookEventNames.StartRecording] = AggregateEventKind.StartRecording,
        [WebhookEventNames.StopRecording] = AggregateEventKind.StopRecording,
        [WebhookEventNames.StartStreaming] = AggregateEventKind.StartStreaming,
        [WebhookEventNames.StopStreaming] = AggregateEventKind.StopStreaming,
        [WebhookEventNames.StartBroadcasting] = AggregateEventKind.StartBroadcasting,
        [WebhookEventNames.StopBroadcasting] = AggregateEventKind.StopBroadcasting,
        [WebhookEventNames.ParticipantRoleChanged] = AggregateEventKind.ParticipantRoleChanged,
        [WebhookEventNames.RecordingReady] = AggregateEventKind.RecordingReady,
        [WebhookEventNames.TranscriptionReady] = AggregateEventKind.TranscriptionReady,
        [WebhookEventNames.StreamPreviewUpdated] = AggregateEventKind.StreamPreviewUpdated,
        [WebhookEventNames.DriveFileAdded] = AggregateEventKind.DriveFileAdded,
        [WebhookEventNames.DriveFileDeleted] = AggregateEventKind.DriveFileDeleted,
        [WebhookEventNames.OneTimeAccessCodeReused] = AggregateEventKind.OneTimeAccessCodeReused,
        [WebhookEventNames.ProfilePictureUploadSuccess] = AggregateEventKind.ProfilePictureUploadSuccess,
        [WebhookEventNames.ProfilePictureUploadFailure] = AggregateEventKind.ProfilePictureUploadFailure,
    };

    /// <summary>The events a host sends without a conference: kept under the host (<see cref="StateKeys.HostScope"/>).</summary>
    public static bool HasNoConference(AggregateEventKind kind) => kind is AggregateEventKind.DriveFileAdded or AggregateEventKind.DriveFileDeleted
        or AggregateEventKind.ProfilePictureUploadSuccess or AggregateEventKind.ProfilePictureUploadFailure;

    public static EventReading Read(EventRawFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!Kinds.TryGetValue(fields.EventName, out var kind))
        {
            var relevance = WebhookEventNames.IsKnown(fields.EventName) ? EventRelevance.NotConsumed : EventRelevance.Unknown;
            return new EventReading(relevance, null, []);
        }

        var problems = new List<KeyValuePair<string, string>>();
        var withoutConference = HasNoConference(kind);
        if (withoutConference) Require(problems, fields.HostId, HostIdPath);
        else Require(problems, fields.ConferenceId, ConferenceIdPath);
        var needsParticipant = kind is AggregateEventKind.EnterConference or AggregateEventKind.LeaveConference or AggregateEventKind.EnterLivestream
            or AggregateEventKind.LeaveLivestream or AggregateEventKind.DialoutStatusChange or AggregateEventKind.ParticipantRoleChanged;
        if (needsParticipant) Require(problems, fields.ParticipantId, ParticipantIdPath);
        if (kind is AggregateEventKind.DriveFileAdded && fields.Size is null) problems.Add(new(SizePath, "required: a whole number of bytes"));

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
        var scope = withoutConference ? StateKeys.HostScope(fields.HostId!.Value) : fields.ConferenceId!.Value;
        var e = new AggregateEvent(
            fields.EventId, kind, fields.TimeMs, scope, fields.CompanyId, fields.HostId, fields.ParticipantId, reason, status, fields.Size);
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
