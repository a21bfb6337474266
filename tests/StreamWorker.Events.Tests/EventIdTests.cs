using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace StreamWorker.Events.Tests;

public class EventIdTests
{
    [Fact]
    public void SameDeliveryRetriedLater_GetsTheSameEventId()
    {
        var time = new FakeTimeProvider(IntakeFixture.Now);
        var intake = new WebhookIntake(new WebhookIntakeOptions { HashKey = IntakeFixture.HashKey }, time);
        var body = WebhookSamples.Valid("enter_conference");

        var first = intake.Process(body);
        time.Advance(TimeSpan.FromMinutes(3));
        var retry = intake.Process(body);

        Assert.Equal(first.EventId, retry.EventId);
        Assert.NotEqual(first.Value.ToArray(), retry.Value.ToArray()); // received_at differs
    }

    [Fact]
    public void EventId_IgnoresWhitespaceKeyOrderAndIdSpelling()
    {
        const string reordered = """ { "participant_role" : "participant", "meeting_url":"https://meet.example/room-1", "participant_id":"777", "conference_id":1258835, "company_id":"4242", "host_id":61803 } """;
        var bodyWithSpaces = $$"""
            {
              "timestamp" : "2022-08-24T20:56:55.000Z",
              "payload" : "{{System.Text.Json.JsonEncodedText.Encode(reordered)}}",
              "event" : "enter_conference"
            }
            """;

        var original = IntakeFixture.Intake().Process(WebhookSamples.Valid("enter_conference"));
        var equivalent = IntakeFixture.Intake().Process(Encoding.UTF8.GetBytes(bodyWithSpaces));

        Assert.Equal(IntakeStatus.Accepted, equivalent.Status);
        Assert.Equal(original.EventId, equivalent.EventId);
    }

    [Fact]
    public void SameInstantInAnotherOffset_GetsTheSameEventId()
    {
        var utc = IntakeFixture.Intake().Process(WebhookSamples.Envelope("conference_start", WebhookSamples.Payloads["conference_start"], "2022-08-24T20:56:55.000Z"));
        var shifted = IntakeFixture.Intake().Process(WebhookSamples.Envelope("conference_start", WebhookSamples.Payloads["conference_start"], "2022-08-24T22:56:55+02:00"));

        Assert.Equal(utc.EventId, shifted.EventId);
    }

    [Fact]
    public void EventId_DiffersWhenEventPayloadOrTimestampDiffers()
    {
        var intake = IntakeFixture.Intake();
        var payload = WebhookSamples.Payloads["conference_start"];

        string?[] ids =
        [
            intake.Process(WebhookSamples.Envelope("conference_start", payload)).EventId,
            intake.Process(WebhookSamples.Envelope("conference_end", payload)).EventId,
            intake.Process(WebhookSamples.Envelope("conference_start", WebhookSamples.PayloadWith("conference_start", p => p["conference_id"] = 1258836))).EventId,
            intake.Process(WebhookSamples.Envelope("conference_start", payload, "2022-08-24T20:56:55.001Z")).EventId,
            intake.Process(WebhookSamples.Envelope("conference_start", WebhookSamples.PayloadWith("conference_start", p => p["extra"] = "x"))).EventId,
        ];

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void EventId_DiffersForNestedValuesOfUnknownEvents()
    {
        var intake = IntakeFixture.Intake();

        var a = intake.Process(WebhookSamples.Envelope("new_event", """{"x":{"a":1,"b":[1,2]}}""")).EventId;
        var reordered = intake.Process(WebhookSamples.Envelope("new_event", """{"x":{"b":[1,2],"a":1}}""")).EventId;
        var different = intake.Process(WebhookSamples.Envelope("new_event", """{"x":{"a":1,"b":[2,1]}}""")).EventId;

        Assert.Equal(a, reordered);
        Assert.NotEqual(a, different);
    }

    [Fact]
    public void EventId_DoesNotDependOnThePrivacyMode()
    {
        var body = WebhookSamples.Valid("dialout_status_change");

        var ids = Enum.GetValues<PersonalDataMode>().Select(mode => IntakeFixture.Intake(mode).Process(body).EventId).Distinct();

        Assert.Single(ids);
    }

    [Fact]
    public void InvalidPayload_GetsAStableEventIdToo()
    {
        var body = WebhookSamples.Envelope("conference_start", """{"host_id":1}""");

        Assert.Equal(IntakeFixture.Intake().Process(body).EventId, IntakeFixture.Intake().Process(body).EventId);
    }
}
