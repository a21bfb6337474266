namespace StreamWorker.Events.Tests;

/// <summary>
/// An <c>event</c> name must look like an identifier (<c>^[a-z][a-z0-9_]{0,63}$</c>): unknown identifiers are
/// stored so new platform events are not lost, anything else is a 400 naming <c>event</c> and is never stored.
/// </summary>
public class EventNameTests
{
    private const string Payload = """{"host_id":1,"company_id":2,"conference_id":3}""";

    public static TheoryData<string> NotIdentifiers() => new()
    {
        new string('a', 65),
        new string('x', 10_000),
        "Conference_start",
        "CONFERENCE_START",
        "1st_event",
        "_private",
        "conference start",
        " conference_start",
        "conference_start\n",
        "conference-start",
        "conference.start",
        "<script>alert(1)</script>",
        "évènement",
        "   ",
    };

    [Theory]
    [MemberData(nameof(NotIdentifiers))]
    public void EventName_NotAnIdentifier_IsAnEnvelopeErrorOnEvent(string name)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(name, Payload));

        Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
        Assert.Equal(["event"], IntakeFixture.ErrorFields(result));
        Assert.True(result.Value.IsEmpty);
        Assert.Null(result.EventName);
        Assert.Null(result.DeadLetterReason);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("brand_new_event")]
    [InlineData("event_2")]
    [InlineData("x_")]
    public void UnknownIdentifier_IsStillAcceptedAndStored(string name)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(name, Payload));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.False(result.IsKnownEvent);
        Assert.Equal(name, result.EventName);
    }

    [Fact]
    public void EventName_OfExactly64Characters_IsAcceptedAnd65IsNot()
    {
        var longest = "e" + new string('_', 63);

        Assert.Equal(IntakeStatus.Accepted, IntakeFixture.Intake().Process(WebhookSamples.Envelope(longest, Payload)).Status);
        Assert.Equal(IntakeStatus.InvalidEnvelope, IntakeFixture.Intake().Process(WebhookSamples.Envelope(longest + "x", Payload)).Status);
    }

    [Fact]
    public void EveryDocumentedEventName_IsAnIdentifier()
    {
        Assert.All(WebhookEventNames.All, name => Assert.Equal(IntakeStatus.Accepted, IntakeFixture.Intake().Process(WebhookSamples.Valid(name)).Status));
    }

    [Fact]
    public void ErrorMessageForALongName_DoesNotEchoTheName()
    {
        var name = new string('x', 10_000);

        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(name, Payload));

        Assert.All(result.Errors, e => Assert.True(e.Message.Length < 200, e.Message));
    }
}
