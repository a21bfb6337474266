using Microsoft.Extensions.Time.Testing;

namespace StreamWorker.Events.Tests.Support;

/// <summary>The intake under test with a fixed clock and hash key, and helpers to read what it returns.</summary>
internal static class IntakeFixture
{
    /// <summary>The intake's clock: a few minutes after <see cref="WebhookSamples.Timestamp"/>.</summary>
    public static readonly DateTimeOffset Now = new(2022, 8, 24, 21, 0, 0, TimeSpan.Zero);
    public static readonly byte[] HashKey = "test-hash-key-0123456789"u8.ToArray();

    public static WebhookIntake Intake(PersonalDataMode mode = PersonalDataMode.Hash, DateTimeOffset? now = null) =>
        new(new WebhookIntakeOptions { PersonalData = mode, HashKey = HashKey }, new FakeTimeProvider(now ?? Now));

    public static string[] ErrorFields(IntakeResult result) => result.Errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> EventNames() => new(WebhookSamples.Payloads.Keys);
}
