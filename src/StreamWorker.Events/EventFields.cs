namespace StreamWorker.Events;

/// <summary>
/// The payload fields the processor's aggregates read, taken from a stored event.
/// Identifiers (and <c>size</c>) are normalised to integers by the gateway; absent fields are null.
/// </summary>
public readonly record struct EventFields(
    long? ConferenceId,
    long? HostId,
    long? CompanyId,
    long? ParticipantId,
    string? ParticipantRole,
    string? ReasonForLeaving,
    string? Status,
    long? Size = null);
