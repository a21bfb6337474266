using System.Text.Json;

namespace StreamWorker.Events.Tests;

public class UnknownEventTests
{
    private const string Payload = """{"conference_id":"1258835","host_id":61803,"nested":{"b":[1,2.50,{"z":null}],"a":true},"big":123456789012345678901234567890}""";

    [Fact]
    public void UnknownEvent_IsAcceptedAndStoredAsReceived()
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("brand_new_event", Payload));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.False(result.IsKnownEvent);
        Assert.Equal("brand_new_event", result.EventName);
        Assert.Equal("1258835", result.Key);
        var stored = WebhookSamples.Parse(result.Value);
        Assert.Equal("brand_new_event", stored.GetProperty("event").GetString());
        using var received = JsonDocument.Parse(Payload);
        Assert.True(JsonElement.DeepEquals(received.RootElement, stored.GetProperty("payload")));
        Assert.Contains("123456789012345678901234567890", System.Text.Encoding.UTF8.GetString(result.Value.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownEventWithoutIdentifiers_HasNoKey()
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("something_else", """{"x":1}"""));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.Null(result.Key);
    }

    [Fact]
    public void UnknownEvent_StillGetsPersonalDataProtection()
    {
        var result = IntakeFixture.Intake(PersonalDataMode.Drop).Process(WebhookSamples.Envelope("future_dialout", """{"host_id":1,"phone_number":"+15550000000"}"""));

        Assert.False(WebhookSamples.Parse(result.Value).GetProperty("payload").TryGetProperty("phone_number", out _));
    }

    [Fact]
    public void UnknownEvent_RoundTripsThroughStoredEventReader()
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("brand_new_event", Payload));

        Assert.True(StoredEventReader.TryRead(result.Value.Span, out var stored, out _));
        Assert.Equal(1258835, stored!.Fields.ConferenceId);
        Assert.Equal("brand_new_event", stored.Event);
    }
}
