namespace StreamWorker.Events;

/// <summary>How <c>phone_number</c> and <c>meeting_url</c> are stored (docs/http-api.md, <c>Privacy:PersonalData</c>).</summary>
public enum PersonalDataMode
{
    /// <summary>Replace each value by <c>"hmac-sha256:&lt;lowercase hex&gt;"</c>, keyed with <see cref="WebhookIntakeOptions.HashKey"/>.</summary>
    Hash,

    /// <summary>Remove the field.</summary>
    Drop,

    /// <summary>Store the value as received.</summary>
    Keep,
}
