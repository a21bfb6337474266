namespace StreamWorker.Events;

/// <summary>What <see cref="WebhookIntake.Process"/> decided about one webhook body, and the record to write.</summary>
public sealed class IntakeResult
{
    private IntakeResult(
        IntakeStatus status, IReadOnlyList<FieldError> errors, string? eventId, string? eventName,
        bool isKnownEvent, string? key, ReadOnlyMemory<byte> value, string? deadLetterReason)
    {
        Status = status;
        Errors = errors;
        EventId = eventId;
        EventName = eventName;
        IsKnownEvent = isKnownEvent;
        Key = key;
        Value = value;
        DeadLetterReason = deadLetterReason;
    }

    public IntakeStatus Status { get; }

    /// <summary>Every bad field (paths such as <c>event</c>, <c>timestamp</c>, <c>payload.participant_id</c>, <c>body</c>); empty when accepted.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>The stable digest of the delivery; set for <see cref="IntakeStatus.Accepted"/> and <see cref="IntakeStatus.InvalidPayload"/>.</summary>
    public string? EventId { get; }

    /// <summary>The envelope's <c>event</c>, when the envelope parsed. Unbounded for unknown events: not a metric attribute.</summary>
    public string? EventName { get; }

    public bool IsKnownEvent { get; }

    /// <summary>The Kafka record key: <c>conference_id</c> when the payload has a valid one, else <c>host_id</c>, as a decimal string; or null.</summary>
    public string? Key { get; }

    /// <summary>
    /// Accepted: the <c>webhook-events</c> value; InvalidPayload: the dead-letter value; InvalidEnvelope: empty.
    /// It wraps a whole array of its own (<c>MemoryMarshal.TryGetArray</c> gives it without copying).
    /// </summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary><c>invalid_payload</c> or <c>future_timestamp</c> for <see cref="IntakeStatus.InvalidPayload"/>, else null.</summary>
    public string? DeadLetterReason { get; }

    internal static IntakeResult InvalidEnvelope(IReadOnlyList<FieldError> errors) =>
        new(IntakeStatus.InvalidEnvelope, errors, null, null, false, null, ReadOnlyMemory<byte>.Empty, null);

    internal static IntakeResult Accepted(string eventId, string eventName, bool isKnownEvent, string? key, byte[] value) =>
        new(IntakeStatus.Accepted, [], eventId, eventName, isKnownEvent, key, value, null);

    internal static IntakeResult InvalidPayload(
        IReadOnlyList<FieldError> errors, string eventId, string eventName, bool isKnownEvent, string? key, byte[] value, string reason) =>
        new(IntakeStatus.InvalidPayload, errors, eventId, eventName, isKnownEvent, key, value, reason);
}
