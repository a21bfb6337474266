using System.Collections.Frozen;

namespace StreamWorker.Events;

/// <summary>The 22 event names of the platform's webhook documentation (docs/webhook-events.md).</summary>
public static class WebhookEventNames
{
    public const string ConferenceStart = "conference_start";
    public const string ConferenceEnd = "conference_end";
    public const string StartRecording = "start_recording";
    public const string StopRecording = "stop_recording";
    public const string StartStreaming = "start_streaming";
    public const string StopStreaming = "stop_streaming";
    public const string RecordingReady = "recording_ready";
    public const string TranscriptionReady = "transcription_ready";
    public const string EnterLivestream = "enter_livestream";
    public const string LeaveLivestream = "leave_livestream";
    public const string StreamPreviewUpdated = "stream_preview_updated";
    public const string ProfilePictureUploadSuccess = "profile_picture_upload_success";
    public const string ProfilePictureUploadFailure = "profile_picture_upload_failure";
    public const string EnterConference = "enter_conference";
    public const string LeaveConference = "leave_conference";
    public const string DialoutStatusChange = "dialout_status_change";
    public const string ParticipantRoleChanged = "participant_role_changed";
    public const string StartBroadcasting = "start_broadcasting";
    public const string StopBroadcasting = "stop_broadcasting";
    public const string DriveFileAdded = "drive_file_added";
    public const string DriveFileDeleted = "drive_file_deleted";
    public const string OneTimeAccessCodeReused = "one_time_access_code_reused";

    private static readonly string[] AllNames =
    [
        ConferenceStart, ConferenceEnd, StartRecording, StopRecording, StartStreaming, StopStreaming,
        RecordingReady, TranscriptionReady, EnterLivestream, LeaveLivestream, StreamPreviewUpdated,
        ProfilePictureUploadSuccess, ProfilePictureUploadFailure, EnterConference, LeaveConference,
        DialoutStatusChange, ParticipantRoleChanged, StartBroadcasting, StopBroadcasting,
        DriveFileAdded, DriveFileDeleted, OneTimeAccessCodeReused,
    ];

    private static readonly FrozenSet<string> Known = AllNames.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every known event name, in the order of the documentation.</summary>
    public static IReadOnlyList<string> All { get; } = Array.AsReadOnly(AllNames);

    /// <summary>Whether <paramref name="name"/> is one of the documented events (exact, case-sensitive match).</summary>
    public static bool IsKnown(string name) => Known.Contains(name);
}
