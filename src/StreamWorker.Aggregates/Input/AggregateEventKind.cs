namespace StreamWorker.Aggregates.Input;

/// <summary>The event types some aggregate (docs/aggregates.md) consumes.</summary>
public enum AggregateEventKind
{
    EnterConference,
    LeaveConference,
    ConferenceEnd,
    EnterLivestream,
    LeaveLivestream,
    DialoutStatusChange,
}
