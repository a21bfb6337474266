using StreamWorker.Events;

namespace StreamWorker.Gateway;

/// <summary>How <c>phone_number</c> and <c>meeting_url</c> are stored. Bound from <c>Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    public PersonalDataMode PersonalData { get; set; } = PersonalDataMode.Hash;

    /// <summary>HMAC key for <see cref="PersonalDataMode.Hash"/>; required with real Kafka, random per start with the embedded broker.</summary>
    public string? HashKey { get; set; }
}
