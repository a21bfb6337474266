namespace StreamWorker.Aggregates.Usage;

/// <summary>
/// Company usage (docs/aggregates.md, "Company usage"), its conference-stage half: every applied event of a kind the
/// usage report counts is sent to the company stage as a <see cref="UsageCount"/> for its company (the payload's, else
/// its conference's last) and the day window of its own time; the company stage keeps the windows and closes them by
/// watermark. Lateness is against the day window by this partition's stream time. Nothing is stored here: the count
/// follows from the event, its company and whether the dial-out aggregate started an attempt with it.
/// </summary>
public sealed class CompanyUsageRule(AggregateSettings settings) : ConferenceRule
{
    public override string Name => "u";

    public override AggregateSet Aggregate => AggregateSet.CompanyUsage;

    public override long WindowMs => settings.UsageWindowMs;

    public override long GraceMs => settings.UsageGraceMs;

    public override bool ClosesWindowsHere => false;

    public override bool Consumes(AggregateEventKind kind) => CounterOf(kind) is not null;

    public override void Apply(AggregateEvent e, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        if (CompanyOf(e, context) is null) context.Signal(Unattributed.NoCompany);
        if (e.Kind == AggregateEventKind.OneTimeAccessCodeReused) context.Signal(AccessCodeReused.Instance);
    }

    public override object? Emitted(AggregateEvent e, RuleContext context, int note)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(context);
        if (CompanyOf(e, context) is not { } company || CounterOf(e.Kind) is not { } counter) return null;
        if (counter == UsageCounter.DialoutAttempts && !DialoutAttemptRule.StartedAttempt(context)) return null;
        return new UsageCount(company, TumblingWindow.StartOf(e.TimeMs, WindowMs), counter, e.Kind == AggregateEventKind.DriveFileAdded ? e.Size ?? 0 : 0, e.TimeMs);
    }

    /// <summary>The payload's company, else (for an event of a conference) the conference's last.</summary>
    private static long? CompanyOf(AggregateEvent e, RuleContext context) => e.CompanyId ?? (context.WithoutConference ? null : context.CompanyId);

    private static UsageCounter? CounterOf(AggregateEventKind kind) => kind switch
    {
        AggregateEventKind.ConferenceStart => UsageCounter.ConferencesStarted,
        AggregateEventKind.ConferenceEnd => UsageCounter.ConferencesEnded,
        AggregateEventKind.EnterConference => UsageCounter.ParticipantJoins,
        AggregateEventKind.EnterLivestream => UsageCounter.ViewerJoins,
        AggregateEventKind.StartRecording => UsageCounter.RecordingsStarted,
        AggregateEventKind.RecordingReady => UsageCounter.RecordingsReady,
        AggregateEventKind.TranscriptionReady => UsageCounter.TranscriptionsReady,
        AggregateEventKind.StartStreaming => UsageCounter.StreamsStarted,
        AggregateEventKind.StartBroadcasting => UsageCounter.BroadcastsStarted,
        AggregateEventKind.StreamPreviewUpdated => UsageCounter.PreviewsUpdated,
        AggregateEventKind.DriveFileAdded => UsageCounter.DriveFilesAdded,
        AggregateEventKind.DriveFileDeleted => UsageCounter.DriveFilesDeleted,
        AggregateEventKind.OneTimeAccessCodeReused => UsageCounter.AccessCodeReuses,
        AggregateEventKind.ProfilePictureUploadSuccess => UsageCounter.ProfilePictureUploads,
        AggregateEventKind.ProfilePictureUploadFailure => UsageCounter.ProfilePictureFailures,
        AggregateEventKind.DialoutStatusChange => UsageCounter.DialoutAttempts,
        _ => null,
    };
}
