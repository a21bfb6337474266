using System.Globalization;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// Turns one webhook body into the record the gateway writes (docs/http-api.md): the events-topic value
/// of a valid event, the dead-letter value of an authentic but invalid one, or the list of envelope errors.
/// Knows nothing of HTTP or Kafka; thread-safe; never throws for any body.
/// </summary>
public sealed class WebhookIntake
{
    private readonly PersonalData personalData;
    private readonly TimeSpan maxClockSkew;
    private readonly TimeProvider timeProvider;

    public WebhookIntake(WebhookIntakeOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClockSkew, TimeSpan.Zero, nameof(options.MaxClockSkew));
        if (!Enum.IsDefined(options.PersonalData))
        {
            throw new ArgumentException($"Privacy:PersonalData has an unknown value {options.PersonalData}.", nameof(options));
        }

        // Without a key the pseudonyms (and the personal-data part of event_id) could be reversed by trying every phone number.
        if (options.PersonalData != PersonalDataMode.Keep && (options.HashKey is null || options.HashKey.Length == 0))
        {
            throw new ArgumentException("Privacy:HashKey must not be empty unless Privacy:PersonalData is keep.", nameof(options));
        }

        personalData = new PersonalData(options.PersonalData, [.. options.HashKey ?? []]);
        maxClockSkew = options.MaxClockSkew;
        this.timeProvider = timeProvider;
    }

    /// <summary>Checks and converts one body; <c>received_at</c> is the time provider's now.</summary>
    public IntakeResult Process(ReadOnlySpan<byte> body) => Process(body, timeProvider.GetUtcNow());

    /// <summary>
    /// Checks and converts one body received at <paramref name="receivedAt"/> (the <c>received_at</c> it stores, and
    /// the clock the future-timestamp check compares with): for writing generated traffic exactly as the gateway would have.
    /// </summary>
    public IntakeResult Process(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var errors = new List<FieldError>();
        ParsedEnvelope? parsed;
        try
        {
            parsed = EnvelopeReader.Read(body, errors);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return IntakeResult.InvalidEnvelope([new FieldError("body", "could not be read as JSON text")]);
        }

        using var envelope = parsed;
        if (envelope is null) return IntakeResult.InvalidEnvelope(errors);
        try
        {
            return Decide(envelope, receivedAt);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Valid JSON that .NET cannot turn into text, such as an escaped unpaired surrogate ("\ud800") in the payload.
            return IntakeResult.InvalidEnvelope([new FieldError("payload", "holds a string that is not valid Unicode (an unpaired surrogate escape)")]);
        }
    }

    private IntakeResult Decide(ParsedEnvelope envelope, DateTimeOffset receivedAt)
    {
        var eventName = envelope.EventName;
        var root = envelope.Payload.RootElement;
        var isKnown = EventSchemas.TryGetFields(eventName, out var fields);
        var payload = CheckedPayload.Check(root, isKnown ? fields : null, personalData);
        var timestamp = envelope.Timestamp.ToIso();
        var eventId = EventIdDigest.Compute(eventName, timestamp, payload);
        var key = Identifiers.RecordKey(root);

        var isFuture = envelope.Timestamp - receivedAt > maxClockSkew;
        if (payload.Errors.Count == 0 && !isFuture)
        {
            var value = EventValueWriter.StoredValue(eventId, eventName, timestamp, receivedAt, payload, personalData);
            return IntakeResult.Accepted(eventId, eventName, isKnown, key, value);
        }

        // Payload errors decide the reason; a future timestamp is still listed among the errors.
        var errors = payload.Errors;
        var reason = errors.Count > 0 ? DeadLetterReasons.InvalidPayload : DeadLetterReasons.FutureTimestamp;
        if (isFuture)
        {
            errors.Add(new FieldError("timestamp", string.Create(
                CultureInfo.InvariantCulture, $"is more than {maxClockSkew.TotalSeconds:0.###} s ahead of the receiver's clock")));
        }

        var deadLetter = EventValueWriter.DeadLetterValue(eventId, reason, errors, eventName, timestamp, receivedAt, payload, personalData);
        return IntakeResult.InvalidPayload(errors, eventId, eventName, isKnown, key, deadLetter, reason);
    }
}
