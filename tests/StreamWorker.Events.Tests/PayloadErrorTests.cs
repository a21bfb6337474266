using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamWorker.Events.Tests;

public class PayloadErrorTests
{
    public static TheoryData<string, string> EveryRequiredField()
    {
        var data = new TheoryData<string, string>();
        foreach (var (eventName, fields) in WebhookSamples.RequiredFields)
        {
            foreach (var field in fields) data.Add(eventName, field);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRequiredField))]
    public void MissingRequiredField_IsAnInvalidPayloadNamingIt(string eventName, string field)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(eventName, WebhookSamples.PayloadWith(eventName, p => p.Remove(field))));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.Equal("invalid_payload", result.DeadLetterReason);
        Assert.Equal(["payload." + field], IntakeFixture.ErrorFields(result));
        Assert.Equal(eventName, result.EventName);
        Assert.True(result.IsKnownEvent);
        Assert.Matches("^[0-9a-f]{32}$", result.EventId);
    }

    [Theory]
    [MemberData(nameof(EveryRequiredField))]
    public void RequiredFieldSetToNull_IsAnInvalidPayload(string eventName, string field)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(eventName, WebhookSamples.PayloadWith(eventName, p => p[field] = null)));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.Equal(["payload." + field], IntakeFixture.ErrorFields(result));
    }

    public static TheoryData<string, string, string> WrongValues() => new()
    {
        // identifiers
        { "enter_conference", "participant_id", "true" },
        { "enter_conference", "participant_id", "\"12a\"" },
        { "enter_conference", "participant_id", "\" 12\"" },
        { "enter_conference", "participant_id", "\"\"" },
        { "enter_conference", "participant_id", "\"-12\"" },
        { "enter_conference", "participant_id", "-12" },
        { "enter_conference", "participant_id", "12.5" },
        { "enter_conference", "participant_id", "1e3" },
        { "enter_conference", "participant_id", "123456789012345678901234567890" },
        { "enter_conference", "participant_id", "\"99999999999999999999\"" },
        { "enter_conference", "participant_id", "{\"id\":1}" },
        { "enter_conference", "participant_id", "[1]" },
        { "conference_start", "host_id", "\"abc\"" },
        { "conference_start", "company_id", "false" },
        { "conference_start", "conference_id", "1.0" },
        { "recording_ready", "recording_id", "\"r-1\"" },
        { "drive_file_added", "id", "\"x\"" },
        { "drive_file_added", "size", "-1" },
        { "one_time_access_code_reused", "original_conference_id", "{}" },
        // strings
        { "recording_ready", "download_link", "42" },
        { "stream_preview_updated", "video_url", "[\"a\"]" },
        { "stream_preview_updated", "image_url", "true" },
        { "enter_conference", "meeting_url", "{}" },
        { "dialout_status_change", "phone_number", "15551234567" },
        { "drive_file_deleted", "filename", "null" },
        // enumerations
        { "leave_livestream", "reason_for_leaving", "\"user_quit\"" },
        { "leave_conference", "reason_for_leaving", "\"USER_EXIT\"" },
        { "leave_conference", "reason_for_leaving", "1" },
        { "enter_conference", "participant_role", "\"host\"" },
        { "leave_conference", "participant_role", "\"\"" },
        { "participant_role_changed", "participant_role", "null" },
        { "dialout_status_change", "status", "\"joined\"" },
        { "dialout_status_change", "status", "\"Answered\"" },
        { "dialout_status_change", "status", "3" },
    };

    [Theory]
    [MemberData(nameof(WrongValues))]
    public void WrongTypeOrValue_IsAnInvalidPayloadNamingTheField(string eventName, string field, string valueJson)
    {
        var payload = WebhookSamples.PayloadWith(eventName, p => p[field] = JsonNode.Parse(valueJson));

        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(eventName, payload));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.Equal("invalid_payload", result.DeadLetterReason);
        Assert.Equal(["payload." + field], IntakeFixture.ErrorFields(result));
    }

    public static TheoryData<string, string, string> EveryEnumerationValue()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var reason in new[] { "user_exit", "user_dropped", "host_kicked", "host_kicked_blocked" })
        {
            data.Add("leave_livestream", "reason_for_leaving", reason);
            data.Add("leave_conference", "reason_for_leaving", reason);
        }

        foreach (var role in new[] { "organizer", "moderator", "participant" })
        {
            data.Add("enter_conference", "participant_role", role);
            data.Add("participant_role_changed", "participant_role", role);
        }

        foreach (var status in new[] { "new", "dialed", "answered", "rejected", "noanswer", "cancelled", "notenabled" })
        {
            data.Add("dialout_status_change", "status", status);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryEnumerationValue))]
    public void EveryDocumentedEnumerationValue_IsAccepted(string eventName, string field, string value)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(eventName, WebhookSamples.PayloadWith(eventName, p => p[field] = value)));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
    }

    [Fact]
    public void EveryBadField_IsListed()
    {
        var payload = """{"host_id":"h","conference_id":1,"participant_id":2.5,"status":"joined"}""";

        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("dialout_status_change", payload));

        Assert.Equal(
            ["payload.company_id", "payload.host_id", "payload.participant_id", "payload.phone_number", "payload.status"],
            IntakeFixture.ErrorFields(result));
    }

    [Fact]
    public void DuplicatePayloadKey_IsAnInvalidPayload()
    {
        var payload = """{"host_id":1,"company_id":2,"conference_id":3,"conference_id":4}""";

        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("conference_start", payload));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.Equal(["payload.conference_id"], IntakeFixture.ErrorFields(result));
    }

    [Fact]
    public void DeadLetterValue_HoldsTheReasonErrorsAndTheEvent()
    {
        var payload = """{"host_id":"61803","company_id":4242,"conference_id":1258835,"participant_id":"x","participant_role":"participant","meeting_url":"https://meet.example/a"}""";

        var result = IntakeFixture.Intake(PersonalDataMode.Drop).Process(WebhookSamples.Envelope("enter_conference", payload));

        var record = WebhookSamples.Parse(result.Value);
        Assert.Equal(result.EventId, record.GetProperty("event_id").GetString());
        Assert.Equal("invalid_payload", record.GetProperty("reason").GetString());
        Assert.Equal(["payload.participant_id"], record.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Array, record.GetProperty("errors").GetProperty("payload.participant_id").ValueKind);
        Assert.Equal("2022-08-24T21:00:00.000Z", record.GetProperty("received_at").GetString());
        var body = record.GetProperty("body");
        Assert.Equal("enter_conference", body.GetProperty("event").GetString());
        Assert.Equal(WebhookSamples.Timestamp, body.GetProperty("timestamp").GetString());
        Assert.Equal(61803, body.GetProperty("payload").GetProperty("host_id").GetInt64());
        Assert.Equal("x", body.GetProperty("payload").GetProperty("participant_id").GetString());
        Assert.False(body.GetProperty("payload").TryGetProperty("meeting_url", out _));
        Assert.Equal("1258835", result.Key);
    }

    [Fact]
    public void DeadLetterKey_FallsBackToHostIdWhenConferenceIdIsBad()
    {
        var payload = """{"host_id":61803,"company_id":4242,"conference_id":"oops"}""";

        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("conference_start", payload));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.Equal("61803", result.Key);
    }
}
