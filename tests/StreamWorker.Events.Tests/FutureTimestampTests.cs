using StreamWorker.Events.Tests.Support;
namespace StreamWorker.Events.Tests;

public class FutureTimestampTests
{
    private static byte[] At(DateTimeOffset timestamp, string eventName = "conference_start", string? payload = null) =>
        Samples.Envelope(eventName, payload ?? Samples.Payloads[eventName], timestamp.ToIso());

    [Fact]
    public void Timestamp_beyond_the_clock_skew_is_dead_lettered_as_future_timestamp()
    {
        var result = Samples.Intake().Process(At(Samples.Now.AddMinutes(5).AddMilliseconds(1)));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.Equal("future_timestamp", result.DeadLetterReason);
        Assert.Equal(["timestamp"], Samples.ErrorFields(result));
        Assert.Equal("future_timestamp", Samples.Json(result.Value).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(5 * 60 * 1000)]
    [InlineData(60 * 1000)]
    [InlineData(0)]
    [InlineData(-10L * 24 * 3600 * 1000)]
    public void Timestamp_within_the_skew_or_in_the_past_is_accepted(long offsetMilliseconds)
    {
        var result = Samples.Intake().Process(At(Samples.Now.AddMilliseconds(offsetMilliseconds)));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
    }

    [Fact]
    public void Clock_skew_is_configurable()
    {
        var options = new WebhookIntakeOptions { HashKey = Samples.HashKey, MaxClockSkew = TimeSpan.FromSeconds(10) };
        var intake = new WebhookIntake(options, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Samples.Now));

        Assert.Equal(IntakeStatus.InvalidPayload, intake.Process(At(Samples.Now.AddSeconds(11))).Status);
        Assert.Equal(IntakeStatus.Accepted, intake.Process(At(Samples.Now.AddSeconds(10))).Status);
    }

    [Fact]
    public void Future_check_applies_to_unknown_events()
    {
        var result = Samples.Intake().Process(At(Samples.Now.AddHours(1), "unheard_of", """{"host_id":1}"""));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.False(result.IsKnownEvent);
        Assert.Equal("future_timestamp", result.DeadLetterReason);
    }

    [Fact]
    public void Payload_errors_take_the_reason_and_the_future_timestamp_is_listed_too()
    {
        var result = Samples.Intake().Process(At(Samples.Now.AddHours(1), "conference_start", """{"host_id":1}"""));

        Assert.Equal("invalid_payload", result.DeadLetterReason);
        Assert.Equal(["payload.company_id", "payload.conference_id", "timestamp"], Samples.ErrorFields(result));
    }

    [Fact]
    public void Received_at_comes_from_the_time_provider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Samples.Now);
        var intake = new WebhookIntake(new WebhookIntakeOptions { HashKey = Samples.HashKey }, time);
        time.Advance(TimeSpan.FromSeconds(1.5));

        var result = intake.Process(Samples.Valid("conference_start"));

        Assert.Equal("2022-08-24T21:00:01.500Z", Samples.Json(result.Value).GetProperty("received_at").GetString());
    }
}
