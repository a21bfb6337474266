using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace StreamWorker.Events.Tests;

public class PrivacyTests
{
    private const string PhoneNumber = "+15551234567";
    private const string MeetingUrl = "https://meet.example/room-1";

    private static string Expected(string value) =>
        "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(IntakeFixture.HashKey, Encoding.UTF8.GetBytes(value)));

    private static JsonElement StoredPayload(PersonalDataMode mode, string eventName) =>
        WebhookSamples.Parse(IntakeFixture.Intake(mode).Process(WebhookSamples.Valid(eventName)).Value).GetProperty("payload");

    [Theory]
    [InlineData("dialout_status_change", "phone_number", PhoneNumber)]
    [InlineData("enter_conference", "meeting_url", MeetingUrl)]
    public void HashMode_StoresAKeyedHmac(string eventName, string field, string received)
    {
        var stored = StoredPayload(PersonalDataMode.Hash, eventName).GetProperty(field).GetString();

        Assert.Equal(Expected(received), stored);
        Assert.Matches("^hmac-sha256:[0-9a-f]{64}$", stored);
    }

    [Theory]
    [InlineData("dialout_status_change", "phone_number")]
    [InlineData("enter_conference", "meeting_url")]
    public void DropMode_RemovesTheField(string eventName, string field)
    {
        var payload = StoredPayload(PersonalDataMode.Drop, eventName);

        Assert.False(payload.TryGetProperty(field, out _));
        Assert.True(payload.TryGetProperty("participant_id", out _));
    }

    [Theory]
    [InlineData("dialout_status_change", "phone_number", PhoneNumber)]
    [InlineData("enter_conference", "meeting_url", MeetingUrl)]
    public void KeepMode_StoresTheValueAsReceived(string eventName, string field, string received)
    {
        Assert.Equal(received, StoredPayload(PersonalDataMode.Keep, eventName).GetProperty(field).GetString());
    }

    [Theory]
    [InlineData(PersonalDataMode.Hash)]
    [InlineData(PersonalDataMode.Drop)]
    public void PersonalData_NeverAppearsInStoredOrDeadLetterValues(PersonalDataMode mode)
    {
        var intake = IntakeFixture.Intake(mode);
        var invalid = WebhookSamples.PayloadWith("dialout_status_change", p => p["status"] = "joined");

        var stored = intake.Process(WebhookSamples.Valid("dialout_status_change"));
        var deadLetter = intake.Process(WebhookSamples.Envelope("dialout_status_change", invalid));

        Assert.Equal(IntakeStatus.InvalidPayload, deadLetter.Status);
        foreach (var value in new[] { stored.Value, deadLetter.Value })
        {
            var text = Encoding.UTF8.GetString(value.Span);
            Assert.DoesNotContain("5551234567", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DeadLetterBody_IsHashedLikeTheStoredValue()
    {
        var invalid = WebhookSamples.PayloadWith("dialout_status_change", p => p["status"] = "joined");

        var deadLetter = IntakeFixture.Intake().Process(WebhookSamples.Envelope("dialout_status_change", invalid));

        var payload = WebhookSamples.Parse(deadLetter.Value).GetProperty("body").GetProperty("payload");
        Assert.Equal(Expected(PhoneNumber), payload.GetProperty("phone_number").GetString());
    }

    [Fact]
    public void DifferentKeys_GiveDifferentPseudonyms()
    {
        var other = new WebhookIntake(
            new WebhookIntakeOptions { HashKey = "another-key"u8.ToArray() }, new FakeTimeProvider(IntakeFixture.Now));

        var stored = WebhookSamples.Parse(other.Process(WebhookSamples.Valid("dialout_status_change")).Value).GetProperty("payload");

        Assert.NotEqual(Expected(PhoneNumber), stored.GetProperty("phone_number").GetString());
    }

    [Theory]
    [InlineData(PersonalDataMode.Hash)]
    [InlineData(PersonalDataMode.Drop)]
    public void HashingOrDroppingWithoutAKey_IsRefusedAtConstruction(PersonalDataMode mode)
    {
        var options = new WebhookIntakeOptions { PersonalData = mode };

        var error = Assert.Throws<ArgumentException>(() => new WebhookIntake(options, TimeProvider.System));
        Assert.Contains("Privacy:HashKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepMode_NeedsNoKey()
    {
        var intake = new WebhookIntake(new WebhookIntakeOptions { PersonalData = PersonalDataMode.Keep }, TimeProvider.System);

        Assert.Equal(IntakeStatus.Accepted, intake.Process(WebhookSamples.Valid("dialout_status_change")).Status);
    }

    [Fact]
    public void LaterChangesToTheOptionsKey_DoNotChangeTheIntake()
    {
        var options = new WebhookIntakeOptions { HashKey = [.. IntakeFixture.HashKey] };
        var intake = new WebhookIntake(options, new FakeTimeProvider(IntakeFixture.Now));
        options.HashKey[0] ^= 0xFF;

        var stored = WebhookSamples.Parse(intake.Process(WebhookSamples.Valid("dialout_status_change")).Value).GetProperty("payload");

        Assert.Equal(Expected(PhoneNumber), stored.GetProperty("phone_number").GetString());
    }
}
