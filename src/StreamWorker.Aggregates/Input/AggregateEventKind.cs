namespace StreamWorker.Aggregates.Input;

/// <summary>The webhook event types, as the aggregates (docs/aggregates.md) read them.</summary>
public enum AggregateEventKind
{
    EnterConference,
    LeaveConference,
    ConferenceEnd,
    EnterLivestream,
    LeaveLivestream,
    DialoutStatusChange,
    ConferenceStart,
    StartRecording,
    StopRecording,
    StartStreaming,
    StopStreaming,
    StartBroadcasting,
    StopBroadcasting,
    ParticipantRoleChanged,
    RecordingReady,
    TranscriptionReady,
    StreamPreviewUpdated,
    DriveFileAdded,
    DriveFileDeleted,
    OneTimeAccessCodeReused,
    ProfilePictureUploadSuccess,
    ProfilePictureUploadFailure,
}
