using System.Collections.Frozen;
using static StreamWorker.Events.PayloadFieldNames;
using static StreamWorker.Events.WebhookEventNames;

namespace StreamWorker.Events;

/// <summary>
/// The payload fields of each known event (docs/webhook-events.md). Every listed field is required except those
/// the documentation or its published example shows may be missing: <c>company_id</c> on <c>conference_end</c>
/// and <c>image_url</c>. Fields not listed here are kept as received and not checked.
/// </summary>
internal static class EventSchemas
{
    private static readonly PayloadField Host = PayloadField.Id(HostId);
    private static readonly PayloadField Company = PayloadField.Id(CompanyId);
    private static readonly PayloadField Participant = PayloadField.Id(ParticipantId);
    private static readonly PayloadField Role = PayloadField.OneOf(ParticipantRole, ParticipantRoles.All);
    private static readonly PayloadField Reason = PayloadField.OneOf(ReasonForLeaving, ReasonsForLeaving.All);
    private static readonly PayloadField[] Conference = [Host, Company, PayloadField.Id(ConferenceId)];

    private static readonly FrozenDictionary<string, PayloadField[]> FieldsByEvent = new Dictionary<string, PayloadField[]>(StringComparer.Ordinal)
    {
        [ConferenceStart] = Conference,
        [ConferenceEnd] = [Host, PayloadField.OptionalId(CompanyId), PayloadField.Id(ConferenceId)],
        [StartRecording] = Conference,
        [StopRecording] = Conference,
        [StartStreaming] = Conference,
        [StopStreaming] = Conference,
        [RecordingReady] = [.. Conference, PayloadField.Id(RecordingId), PayloadField.Text(DownloadLink)],
        [TranscriptionReady] = Conference,
        [EnterLivestream] = [.. Conference, Participant],
        [LeaveLivestream] = [.. Conference, Participant, Reason],
        [StreamPreviewUpdated] = [.. Conference, PayloadField.Text(VideoUrl), PayloadField.OptionalText(ImageUrl)],
        [ProfilePictureUploadSuccess] = [Host, Company],
        [ProfilePictureUploadFailure] = [Host, Company],
        [EnterConference] = [.. Conference, Participant, Role, PayloadField.Text(MeetingUrl)],
        [LeaveConference] = [.. Conference, Participant, Role, Reason],
        [DialoutStatusChange] = [.. Conference, Participant, PayloadField.OneOf(Status, DialoutStatuses.All), PayloadField.Text(PhoneNumber)],
        [ParticipantRoleChanged] = [Host, PayloadField.Id(ConferenceId), Participant, Role],
        [StartBroadcasting] = Conference,
        [StopBroadcasting] = Conference,
        [DriveFileAdded] = [Host, Company, PayloadField.Id(Id), PayloadField.Text(Filename), PayloadField.Id(Size)],
        [DriveFileDeleted] = [Host, Company, PayloadField.Id(Id), PayloadField.Text(Filename)],
        [OneTimeAccessCodeReused] = [.. Conference, PayloadField.Id(OriginalConferenceId)],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The documented fields of <paramref name="eventName"/>, or false for an unknown event.</summary>
    public static bool TryGetFields(string eventName, out PayloadField[] fields) =>
        FieldsByEvent.TryGetValue(eventName, out fields!);
}
