namespace StreamWorker.Aggregates.Input;

/// <summary>The envelope and payload fields the aggregates read, as found in a stored event (absent fields null).</summary>
public sealed record EventRawFields(
    string EventId,
    string EventName,
    long TimeMs,
    long? ConferenceId,
    long? CompanyId,
    long? HostId,
    long? ParticipantId,
    string? ReasonForLeaving,
    string? Status,
    long? Size = null);
