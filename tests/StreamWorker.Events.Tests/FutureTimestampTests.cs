using StreamWorker.Events.Tests.Support;
using StreamWorker.Testing;
namespace StreamWorker.Events.Tests;

public class FutureTimestampTests
{
    private static byte[] At(DateTimeOffset timestamp, string eventName = "conference_start", string? payload = null) =>
        WebhookSamples.Envelope(eventName, payload ?? WebhookSamples.Payloads[eventName], timestamp.ToIso());

    [Fact]
    public void Timestamp_beyond_the_clock_skew_is_dead_lettered_as_future_timestamp()
    {
        var result = IntakeFixture.Intake().Process(At(IntakeFixture.Now.AddMinutes(5).AddMilliseconds(1)));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.Equal("future_timestamp", result.DeadLetterReason);
        Assert.Equal(["timestamp"], IntakeFixture.ErrorFields(result));
        Assert.Equal("future_timestamp", WebhookSamples.Parse(result.Value).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(5 * 60 * 1000)]
    [InlineData(60 * 1000)]
    [InlineData(0)]
    [InlineData(-10L * 24 * 3600 * 1000)]
    public void Timestamp_within_the_skew_or_in_the_past_is_accepted(long offsetMilliseconds)
    {
        var result = IntakeFixture.Intake().Process(At(IntakeFixture.Now.AddMilliseconds(offsetMilliseconds)));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
    }

    [Fact]
    public void Clock_skew_is_configurable()
    {
        var options = new WebhookIntakeOptions { HashKey = IntakeFixture.HashKey, MaxClockSkew = TimeSpan.FromSeconds(10) };
        var intake = new WebhookIntake(options, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IntakeFixture.Now));

        Assert.Equal(IntakeStatus.InvalidPayload, intake.Process(At(IntakeFixture.Now.AddSeconds(11))).Status);
        Assert.Equal(IntakeStatus.Accepted, intake.Process(At(IntakeFixture.Now.AddSeconds(10))).Status);
    }

    [Fact]
    public void Future_check_applies_to_unknown_events()
    {
        var result = IntakeFixture.Intake().Process(At(IntakeFixture.Now.AddHours(1), "unheard_of", """{"host_id":1}"""));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.False(result.IsKnownEvent);
        Assert.Equal("future_timestamp", result.DeadLetterReason);
    }

    [Fact]
    public void Payload_errors_take_the_reason_and_the_future_timestamp_is_listed_too()
    {
        var result = IntakeFixture.Intake().Process(At(IntakeFixture.Now.AddHours(1), "conference_start", """{"host_id":1}"""));

        Assert.Equal("invalid_payload", result.DeadLetterReason);
        Assert.Equal(["payload.company_id", "payload.conference_id", "timestamp"], IntakeFixture.ErrorFields(result));
    }

    [Fact]
    public void Received_at_comes_from_the_time_provider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IntakeFixture.Now);
        var intake = new WebhookIntake(new WebhookIntakeOptions { HashKey = IntakeFixture.HashKey }, time);
        time.Advance(TimeSpan.FromSeconds(1.5));

        var result = intake.Process(WebhookSamples.Valid("conference_start"));

        Assert.Equal("2022-08-24T21:00:01.500Z", WebhookSamples.Parse(result.Value).GetProperty("received_at").GetString());
    }
}
