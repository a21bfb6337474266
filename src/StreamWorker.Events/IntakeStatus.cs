namespace StreamWorker.Events;

/// <summary>What the gateway does with a webhook body (docs/http-api.md).</summary>
public enum IntakeStatus
{
    /// <summary>Store in the events topic, answer 202.</summary>
    Accepted,

    /// <summary>Not the envelope: answer 400, store nothing.</summary>
    InvalidEnvelope,

    /// <summary>A payload error or a future timestamp: store in the dead-letter topic, answer 422.</summary>
    InvalidPayload,
}
