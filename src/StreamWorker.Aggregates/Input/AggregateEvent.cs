namespace StreamWorker.Aggregates.Input;

/// <summary>
/// One event as the aggregates see it: already parsed and checked for the fields its kind needs
/// (<see cref="AggregateEventFactory"/>). <paramref name="TimeMs"/> is the event time in Unix milliseconds.
/// <paramref name="ConferenceId"/> is the conference, or for an event without one (drive files, profile pictures)
/// its host's scope (<see cref="StateKeys.HostScope"/>, negative).
/// </summary>
public sealed record AggregateEvent(
    string EventId,
    AggregateEventKind Kind,
    long TimeMs,
    long ConferenceId,
    long? CompanyId,
    long? HostId,
    long? ParticipantId,
    LeaveReason? Reason,
    DialoutStatus? Status,
    long? Size = null);
