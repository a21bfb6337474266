namespace StreamWorker.Aggregates;

/// <summary>The event types some aggregate of contract section 3 consumes.</summary>
public enum AggregateEventKind
{
    EnterConference,
    LeaveConference,
    ConferenceEnd,
    EnterLivestream,
    LeaveLivestream,
    DialoutStatusChange,
}
