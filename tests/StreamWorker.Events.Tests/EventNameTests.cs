using StreamWorker.Events.Tests.Support;
using StreamWorker.Testing;
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
    public void Event_name_that_is_not_an_identifier_is_an_envelope_error_on_event(string name)
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
    public void Unknown_identifier_is_still_accepted_and_stored(string name)
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(name, Payload));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
        Assert.False(result.IsKnownEvent);
        Assert.Equal(name, result.EventName);
    }

    [Fact]
    public void Name_of_exactly_64_characters_is_accepted_and_65_is_not()
    {
        var longest = "e" + new string('_', 63);

        Assert.Equal(IntakeStatus.Accepted, IntakeFixture.Intake().Process(WebhookSamples.Envelope(longest, Payload)).Status);
        Assert.Equal(IntakeStatus.InvalidEnvelope, IntakeFixture.Intake().Process(WebhookSamples.Envelope(longest + "x", Payload)).Status);
    }

    [Fact]
    public void Every_documented_event_name_is_an_identifier()
    {
        Assert.All(WebhookEventNames.All, name => Assert.Equal(IntakeStatus.Accepted, IntakeFixture.Intake().Process(WebhookSamples.Valid(name)).Status));
    }

    [Fact]
    public void Error_message_for_a_long_name_does_not_echo_the_name()
    {
        var name = new string('x', 10_000);

        var result = IntakeFixture.Intake().Process(WebhookSamples.Envelope(name, Payload));

        Assert.All(result.Errors, e => Assert.True(e.Message.Length < 200, e.Message));
    }
}
