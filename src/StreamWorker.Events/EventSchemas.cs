using System.Collections.Frozen;
using static StreamWorker.Events.WebhookEventNames;

namespace StreamWorker.Events;

/// <summary>
/// The payload fields of each known event (docs/webhook-events.md). Every listed field is required except those
/// the documentation or its published example shows may be missing: <c>company_id</c> on <c>conference_end</c>
/// and <c>image_url</c>. Fields not listed here are kept as received and not checked.
/// </summary>
internal static class EventSchemas
{
    public static readonly IReadOnlyList<string> ReasonsForLeaving = ["user_exit", "user_dropped", "host_kicked", "host_kicked_blocked"];
    public static readonly IReadOnlyList<string> ParticipantRoles = ["organizer", "moderator", "participant"];
    public static readonly IReadOnlyList<string> DialoutStatuses = ["new", "dialed", "answered", "rejected", "noanswer", "cancelled", "notenabled"];

    private static readonly PayloadField HostId = PayloadField.Id("host_id");
    private static readonly PayloadField CompanyId = PayloadField.Id("company_id");
    private static readonly PayloadField ConferenceId = PayloadField.Id("conference_id");
    private static readonly PayloadField ParticipantId = PayloadField.Id("participant_id");
    private static readonly PayloadField ParticipantRole = new("participant_role", PayloadFieldKind.Enumeration, true, ParticipantRoles);
    private static readonly PayloadField ReasonForLeaving = new("reason_for_leaving", PayloadFieldKind.Enumeration, true, ReasonsForLeaving);
    private static readonly PayloadField[] Conference = [HostId, CompanyId, ConferenceId];

    private static readonly FrozenDictionary<string, PayloadField[]> FieldsByEvent = new Dictionary<string, PayloadField[]>(StringComparer.Ordinal)
    {
        [ConferenceStart] = Conference,
        [ConferenceEnd] = [HostId, PayloadField.OptionalId("company_id"), ConferenceId],
        [StartRecording] = Conference,
        [StopRecording] = Conference,
        [StartStreaming] = Conference,
        [StopStreaming] = Conference,
        [RecordingReady] = [.. Conference, PayloadField.Id("recording_id"), PayloadField.Text("download_link")],
        [TranscriptionReady] = Conference,
        [EnterLivestream] = [.. Conference, ParticipantId],
        [LeaveLivestream] = [.. Conference, ParticipantId, ReasonForLeaving],
        [StreamPreviewUpdated] = [.. Conference, PayloadField.Text("video_url"), PayloadField.OptionalText("image_url")],
        [ProfilePictureUploadSuccess] = [HostId, CompanyId],
        [ProfilePictureUploadFailure] = [HostId, CompanyId],
        [EnterConference] = [.. Conference, ParticipantId, ParticipantRole, PayloadField.Text("meeting_url")],
        [LeaveConference] = [.. Conference, ParticipantId, ParticipantRole, ReasonForLeaving],
        [DialoutStatusChange] = [.. Conference, ParticipantId, new("status", PayloadFieldKind.Enumeration, true, DialoutStatuses), PayloadField.Text("phone_number")],
        [ParticipantRoleChanged] = [HostId, ConferenceId, ParticipantId, ParticipantRole],
        [StartBroadcasting] = Conference,
        [StopBroadcasting] = Conference,
        [DriveFileAdded] = [HostId, CompanyId, PayloadField.Id("id"), PayloadField.Text("filename"), PayloadField.Id("size")],
        [DriveFileDeleted] = [HostId, CompanyId, PayloadField.Id("id"), PayloadField.Text("filename")],
        [OneTimeAccessCodeReused] = [.. Conference, PayloadField.Id("original_conference_id")],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The documented fields of <paramref name="eventName"/>, or false for an unknown event.</summary>
    public static bool TryGetFields(string eventName, out PayloadField[] fields) =>
        FieldsByEvent.TryGetValue(eventName, out fields!);
}
