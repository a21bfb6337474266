namespace StreamWorker.Aggregates.Usage;

/// <summary>One record of <c>analytics-company-usage</c>: one company's use of the platform in one day window.</summary>
public sealed record CompanyUsageRecord(
    long CompanyId,
    long WindowStartMs,
    long WindowEndMs,
    int ConferencesStarted,
    int ConferencesEnded,
    int ParticipantJoins,
    int ViewerJoins,
    int RecordingsStarted,
    int RecordingsReady,
    int TranscriptionsReady,
    int StreamsStarted,
    int BroadcastsStarted,
    int PreviewsUpdated,
    int DriveFilesAdded,
    long DriveBytesAdded,
    int DriveFilesDeleted,
    int AccessCodeReuses,
    int ProfilePictureUploads,
    int ProfilePictureFailures,
    int DialoutAttempts,
    bool Final = false)
{
    public static CompanyUsageRecord Empty(long companyId, long windowStartMs, long windowEndMs) =>
        new(companyId, windowStartMs, windowEndMs, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>This record with one more event of <paramref name="counter"/> (a drive file adds <paramref name="bytes"/> too).</summary>
    public CompanyUsageRecord Count(UsageCounter counter, long bytes) => counter switch
    {
        UsageCounter.ConferencesStarted => this with { ConferencesStarted = ConferencesStarted + 1 },
        UsageCounter.ConferencesEnded => this with { ConferencesEnded = ConferencesEnded + 1 },
        UsageCounter.ParticipantJoins => this with { ParticipantJoins = ParticipantJoins + 1 },
        UsageCounter.ViewerJoins => this with { ViewerJoins = ViewerJoins + 1 },
        UsageCounter.RecordingsStarted => this with { RecordingsStarted = RecordingsStarted + 1 },
        UsageCounter.RecordingsReady => this with { RecordingsReady = RecordingsReady + 1 },
        UsageCounter.TranscriptionsReady => this with { TranscriptionsReady = TranscriptionsReady + 1 },
        UsageCounter.StreamsStarted => this with { StreamsStarted = StreamsStarted + 1 },
        UsageCounter.BroadcastsStarted => this with { BroadcastsStarted = BroadcastsStarted + 1 },
        UsageCounter.PreviewsUpdated => this with { PreviewsUpdated = PreviewsUpdated + 1 },
        UsageCounter.DriveFilesAdded => this with { DriveFilesAdded = DriveFilesAdded + 1, DriveBytesAdded = DriveBytesAdded + bytes },
        UsageCounter.DriveFilesDeleted => this with { DriveFilesDeleted = DriveFilesDeleted + 1 },
        UsageCounter.AccessCodeReuses => this with { AccessCodeReuses = AccessCodeReuses + 1 },
        UsageCounter.ProfilePictureUploads => this with { ProfilePictureUploads = ProfilePictureUploads + 1 },
        UsageCounter.ProfilePictureFailures => this with { ProfilePictureFailures = ProfilePictureFailures + 1 },
        UsageCounter.DialoutAttempts => this with { DialoutAttempts = DialoutAttempts + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(counter), counter, null),
    };
}
