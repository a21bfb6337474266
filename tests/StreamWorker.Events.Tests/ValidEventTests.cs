using System.Text.Json;

namespace StreamWorker.Events.Tests;

public class ValidEventTests
{
    [Fact]
    public void WebhookEventNames_AreThe22DocumentedEvents_MatchedCaseSensitively()
    {
        Assert.Equal(22, WebhookEventNames.All.Count);
        Assert.Equal(WebhookEventNames.All.Order(StringComparer.Ordinal), WebhookSamples.Payloads.Keys.Order(StringComparer.Ordinal));
        Assert.All(WebhookEventNames.All, name => Assert.True(WebhookEventNames.IsKnown(name)));
        Assert.False(WebhookEventNames.IsKnown("Conference_Start"));
    }

    [Theory]
    [MemberData(nameof(IntakeFixture.EventNames), MemberType = typeof(IntakeFixture))]
    public void Process_ValidEvent_IsAcceptedAndStoredAsTheContractValue(string eventName)
    {
        var result = IntakeFixture.Intake(PersonalDataMode.Keep).Process(WebhookSamples.Valid(eventName));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.Empty(result.Errors);
        Assert.True(result.IsKnownEvent);
        Assert.Equal(eventName, result.EventName);
        Assert.Null(result.DeadLetterReason);
        Assert.Matches("^[0-9a-f]{32}$", result.EventId);

        var stored = WebhookSamples.Parse(result.Value);
        Assert.Equal(["event_id", "event", "timestamp", "received_at", "payload"], stored.EnumerateObject().Select(p => p.Name));
        Assert.Equal(result.EventId, stored.GetProperty("event_id").GetString());
        Assert.Equal(eventName, stored.GetProperty("event").GetString());
        Assert.Equal(WebhookSamples.Timestamp, stored.GetProperty("timestamp").GetString());
        Assert.Equal("2022-08-24T21:00:00.000Z", stored.GetProperty("received_at").GetString());

        // With privacy "keep" the stored payload is the received one.
        using var received = JsonDocument.Parse(WebhookSamples.Payloads[eventName]);
        Assert.True(JsonElement.DeepEquals(received.RootElement, stored.GetProperty("payload")));
    }

    [Theory]
    [MemberData(nameof(IntakeFixture.EventNames), MemberType = typeof(IntakeFixture))]
    public void Process_Key_IsConferenceIdWhenPresentElseHostId(string eventName)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Valid(eventName));

        var expected = WebhookSamples.Payloads[eventName].Contains("conference_id", StringComparison.Ordinal) ? "1258835" : "61803";
        Assert.Equal(expected, result.Key);
    }

    [Theory]
    [MemberData(nameof(IntakeFixture.EventNames), MemberType = typeof(IntakeFixture))]
    public void StoredValue_RoundTripsThroughStoredEventReader(string eventName)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Valid(eventName));

        Assert.True(StoredEventReader.TryRead(result.Value.Span, out var stored, out var error), error);
        Assert.Equal(result.EventId, stored!.EventId);
        Assert.Equal(eventName, stored.Event);
        Assert.Equal(DateTimeOffset.Parse(WebhookSamples.Timestamp, System.Globalization.CultureInfo.InvariantCulture), stored.Timestamp);
        Assert.Equal(IntakeFixture.Now, stored.ReceivedAt);
        Assert.Equal(61803, stored.Fields.HostId);
        using var payload = JsonDocument.Parse(WebhookSamples.Payloads[eventName]);
        Assert.Equal(payload.RootElement.TryGetProperty("conference_id", out _) ? 1258835 : null, stored.Fields.ConferenceId);
        Assert.Equal(payload.RootElement.TryGetProperty("company_id", out _) ? 4242 : null, stored.Fields.CompanyId);
        Assert.Equal(payload.RootElement.TryGetProperty("participant_id", out _) ? 777 : null, stored.Fields.ParticipantId);
    }

    [Fact]
    public void RoundTrip_CarriesRoleReasonAndStatus()
    {
        var intake = IntakeFixture.Intake();

        StoredEventReader.TryRead(intake.Process(WebhookSamples.Valid("leave_conference")).Value.Span, out var leave, out _);
        StoredEventReader.TryRead(intake.Process(WebhookSamples.Valid("dialout_status_change")).Value.Span, out var dialout, out _);

        Assert.Equal(("moderator", "host_kicked"), (leave!.Fields.ParticipantRole, leave.Fields.ReasonForLeaving));
        Assert.Equal("answered", dialout!.Fields.Status);
    }

    [Fact]
    public void PublishedExampleConferenceEndWithoutCompanyId_IsAccepted()
    {
        // Verbatim from the platform documentation, minus its stray back-tick.
        var body = """
            {
              "event": "conference_end",
              "payload": "{\"conference_id\":1258835,\"host_id\":61803}",
              "timestamp": "2022-08-24T20:56:55.000Z"
            }
            """u8.ToArray();

        var result = IntakeFixture.Intake().Process(body);

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.Equal("1258835", result.Key);
        var payload = WebhookSamples.Parse(result.Value).GetProperty("payload");
        Assert.Equal(1258835, payload.GetProperty("conference_id").GetInt64());
        Assert.False(payload.TryGetProperty("company_id", out _));
    }

    [Theory]
    [InlineData("stream_preview_updated", "image_url")]
    [InlineData("conference_end", "company_id")]
    public void OptionalField_MayBeMissingOrNull(string eventName, string field)
    {
        var intake = IntakeFixture.Intake();

        var missing = intake.Process(WebhookSamples.Envelope(eventName, WebhookSamples.PayloadWith(eventName, p => p.Remove(field))));
        var asNull = intake.Process(WebhookSamples.Envelope(eventName, WebhookSamples.PayloadWith(eventName, p => p[field] = null)));

        Assert.Equal(IntakeStatus.Accepted, missing.Status);
        Assert.Equal(IntakeStatus.Accepted, asNull.Status);
    }

    [Theory]
    [MemberData(nameof(IntakeFixture.EventNames), MemberType = typeof(IntakeFixture))]
    public void IdentifiersSentAsNumericStrings_AreStoredAsIntegersWithTheSameEventId(string eventName)
    {
        var intake = IntakeFixture.Intake();
        var asStrings = WebhookSamples.PayloadWith(eventName, p =>
        {
            foreach (var name in p.Select(kv => kv.Key).ToList())
            {
                if (name.EndsWith("id", StringComparison.Ordinal) || name == "size") p[name] = p[name]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        });

        var fromNumbers = intake.Process(WebhookSamples.Valid(eventName));
        var fromStrings = intake.Process(WebhookSamples.Envelope(eventName, asStrings));

        Assert.Equal(IntakeStatus.Accepted, fromStrings.Status);
        Assert.Equal(fromNumbers.EventId, fromStrings.EventId);
        Assert.Equal(fromNumbers.Key, fromStrings.Key);
        Assert.Equal(fromNumbers.Value.ToArray(), fromStrings.Value.ToArray());
        Assert.All(
            WebhookSamples.Parse(fromStrings.Value).GetProperty("payload").EnumerateObject().Where(p => p.Name.EndsWith("id", StringComparison.Ordinal)),
            p => Assert.Equal(JsonValueKind.Number, p.Value.ValueKind));
    }

    [Fact]
    public void UnknownFieldsOfAKnownEvent_AreKeptAsReceived()
    {
        var payload = WebhookSamples.PayloadWith("conference_start", p => p["new_field"] = new System.Text.Json.Nodes.JsonObject { ["nested"] = "x" });

        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("conference_start", payload));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.Equal("x", WebhookSamples.Parse(result.Value).GetProperty("payload").GetProperty("new_field").GetProperty("nested").GetString());
    }
}
