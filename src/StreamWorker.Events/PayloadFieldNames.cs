namespace StreamWorker.Events;

/// <summary>The documented payload field names of the known events (docs/webhook-events.md).</summary>
public static class PayloadFieldNames
{
    public const string HostId = "host_id";
    public const string CompanyId = "company_id";
    public const string ConferenceId = "conference_id";
    public const string ParticipantId = "participant_id";
    public const string ParticipantRole = "participant_role";
    public const string ReasonForLeaving = "reason_for_leaving";
    public const string MeetingUrl = "meeting_url";

    /// <summary>The dial-out status of <c>dialout_status_change</c>, one of <see cref="DialoutStatuses"/>.</summary>
    public const string Status = "status";
    public const string PhoneNumber = "phone_number";
    public const string RecordingId = "recording_id";
    public const string DownloadLink = "download_link";
    public const string VideoUrl = "video_url";
    public const string ImageUrl = "image_url";

    /// <summary>The drive file's identifier on <c>drive_file_added</c> and <c>drive_file_deleted</c>.</summary>
    public const string Id = "id";
    public const string Filename = "filename";
    public const string Size = "size";
    public const string OriginalConferenceId = "original_conference_id";
}
