using System.Text;

namespace StreamWorker.Events.Tests;

public class EnvelopeErrorTests
{
    private const string GoodPayload = "\"{\\\"host_id\\\":1,\\\"company_id\\\":2,\\\"conference_id\\\":3}\"";

    public static TheoryData<string, string[]> BadEnvelopes() => new()
    {
        { "", ["body"] },
        { "not json", ["body"] },
        { "[]", ["body"] },
        { "\"conference_start\"", ["body"] },
        { "null", ["body"] },
        { "{}", ["event", "payload", "timestamp"] },
        { $$"""{"payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"}""", ["event"] },
        { """{"event":"conference_start","timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}}}""", ["timestamp"] },
        { $$"""{"event":42,"payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"}""", ["event"] },
        { $$"""{"event":null,"payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"}""", ["event"] },
        { $$"""{"event":"","payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"}""", ["event"] },
        { """{"event":"conference_start","payload":{"host_id":1},"timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { """{"event":"conference_start","payload":"not json","timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { """{"event":"conference_start","payload":"[1,2]","timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { """{"event":"conference_start","payload":"\"text\"","timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { """{"event":"conference_start","payload":"","timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { """{"event":"conference_start","payload":"{\"a\":1} {}","timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":"yesterday"}""", ["timestamp"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":"2022-08-24"}""", ["timestamp"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":"24/08/2022 20:56:55"}""", ["timestamp"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":"2022-13-24T20:56:55Z"}""", ["timestamp"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":1661374615000}""", ["timestamp"] },
        { """{"event":7,"payload":7,"timestamp":7}""", ["event", "payload", "timestamp"] },
        { $$"""{"event":"conference_start","event":"conference_end","payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"}""", ["event"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"}""", ["payload"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"} {}""", ["body"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z",}""", ["body"] },
        { $$"""{"event":"conference_start","payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z" /* c */}""", ["body"] },
    };

    [Theory]
    [MemberData(nameof(BadEnvelopes))]
    public void Process_BadEnvelope_IsRejectedNamingEveryBadField(string body, string[] expectedFields)
    {
        var result = IntakeFixture.Intake().Process(Encoding.UTF8.GetBytes(body));

        Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
        Assert.Equal(expectedFields, IntakeFixture.ErrorFields(result));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.True(result.Value.IsEmpty);
        Assert.Null(result.EventId);
        Assert.Null(result.EventName);
        Assert.Null(result.DeadLetterReason);
    }

    [Fact]
    public void InvalidUtf8_IsAnErrorOnBody()
    {
        var body = WebhookSamples.Valid("conference_start");
        body[12] = 0xC3; // inside the event name: a lead byte followed by an ASCII byte

        var result = IntakeFixture.Intake().Process(body);

        Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
        Assert.Equal(["body"], IntakeFixture.ErrorFields(result));
    }

    [Fact]
    public void DuplicateKeyError_NamesTheKeyAndSaysWhy()
    {
        var body = """{"event":"conference_start","timestamp":"2022-08-24T20:56:55.000Z","payload":"{}","timestamp":"2022-08-24T20:56:56.000Z"}"""u8;

        var result = IntakeFixture.Intake().Process(body);

        var error = Assert.Single(result.Errors);
        Assert.Equal("timestamp", error.Field);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtraEnvelopeKeys_AreIgnored()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"version":2,"event":"conference_start","meta":{"deep":[1,{"x":null}]},"payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000Z"}""");

        var result = IntakeFixture.Intake().Process(body);

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.DoesNotContain("meta", Encoding.UTF8.GetString(result.Value.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void LeadingByteOrderMarkAndWhitespace_AreAccepted()
    {
        var body = "\uFEFF \n"u8.ToArray().Concat(WebhookSamples.Valid("conference_start")).Concat("\r\n"u8.ToArray()).ToArray();

        Assert.Equal(IntakeStatus.Accepted, IntakeFixture.Intake().Process(body).Status);
    }

    [Theory]
    [InlineData("2022-08-24T22:56:55.000+02:00", "2022-08-24T20:56:55.000Z")]
    [InlineData("2022-08-24T15:56:55-05:00", "2022-08-24T20:56:55.000Z")]
    [InlineData("2022-08-24T20:56:55Z", "2022-08-24T20:56:55.000Z")]
    [InlineData("2022-08-24T20:56:55.1234567Z", "2022-08-24T20:56:55.123Z")]
    [InlineData("2022-08-24T20:56:55.120", "2022-08-24T20:56:55.120Z")]
    public void Timestamp_IsStoredInUtcWithMilliseconds(string received, string stored)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope("conference_start", WebhookSamples.Payloads["conference_start"], received));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.Equal(stored, WebhookSamples.Parse(result.Value).GetProperty("timestamp").GetString());
    }

    [Fact]
    public void EscapedEnvelopeKeysAndValues_AreRead()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"\u0065vent":"conference_\u0073tart","payload":{{GoodPayload}},"timestamp":"2022-08-24T20:56:55.000\u005A"}""");

        var result = IntakeFixture.Intake().Process(body);

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.Equal("conference_start", result.EventName);
    }
}
