using System.Diagnostics.CodeAnalysis;

namespace StreamWorker.Events;

/// <summary>Settings of <see cref="WebhookIntake"/>, bound by the gateway from <c>Privacy:*</c> and <c>Gateway:MaxClockSkew</c>.</summary>
public sealed class WebhookIntakeOptions
{
    public PersonalDataMode PersonalData { get; set; } = PersonalDataMode.Hash;

    /// <summary>HMAC key for <see cref="PersonalDataMode.Hash"/>; must not be empty in that mode.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Options object bound from configuration; the intake copies the key.")]
    public byte[] HashKey { get; set; } = [];

    /// <summary>How far in the future an envelope <c>timestamp</c> may be before the event is dead-lettered.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
