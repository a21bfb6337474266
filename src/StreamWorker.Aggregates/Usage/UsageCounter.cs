namespace StreamWorker.Aggregates.Usage;

/// <summary>The counts of a company usage record (docs/aggregates.md, "Company usage"), one per kind of event counted.</summary>
public enum UsageCounter : byte
{
    ConferencesStarted,
    ConferencesEnded,
    ParticipantJoins,
    ViewerJoins,
    RecordingsStarted,
    RecordingsReady,
    TranscriptionsReady,
    StreamsStarted,
    BroadcastsStarted,
    PreviewsUpdated,
    DriveFilesAdded,
    DriveFilesDeleted,
    AccessCodeReuses,
    ProfilePictureUploads,
    ProfilePictureFailures,
    DialoutAttempts,
}
