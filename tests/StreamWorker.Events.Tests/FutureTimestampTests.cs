namespace StreamWorker.Events.Tests;

public class FutureTimestampTests
{
    private static byte[] At(DateTimeOffset timestamp, string eventName = "conference_start", string? payload = null) =>
        WebhookSamples.Envelope(eventName, payload ?? WebhookSamples.Payloads[eventName], timestamp.ToIso());

    [Fact]
    public void TimestampBeyondTheClockSkew_IsDeadLetteredAsFutureTimestamp()
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
    public void TimestampWithinTheSkewOrInThePast_IsAccepted(long offsetMilliseconds)
    {
        var result = IntakeFixture.Intake().Process(At(IntakeFixture.Now.AddMilliseconds(offsetMilliseconds)));

        Assert.Equal(IntakeStatus.Accepted, result.Status);
    }

    [Fact]
    public void ClockSkew_IsConfigurable()
    {
        var options = new WebhookIntakeOptions { HashKey = IntakeFixture.HashKey, MaxClockSkew = TimeSpan.FromSeconds(10) };
        var intake = new WebhookIntake(options, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IntakeFixture.Now));

        Assert.Equal(IntakeStatus.InvalidPayload, intake.Process(At(IntakeFixture.Now.AddSeconds(11))).Status);
        Assert.Equal(IntakeStatus.Accepted, intake.Process(At(IntakeFixture.Now.AddSeconds(10))).Status);
    }

    [Fact]
    public void FutureCheck_AppliesToUnknownEvents()
    {
        var result = IntakeFixture.Intake().Process(At(IntakeFixture.Now.AddHours(1), "unheard_of", """{"host_id":1}"""));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        Assert.False(result.IsKnownEvent);
        Assert.Equal("future_timestamp", result.DeadLetterReason);
    }

    [Fact]
    public void FutureTimestampWithPayloadErrors_TakesThePayloadReason_AndListsTheTimestampToo()
    {
        var result = IntakeFixture.Intake().Process(At(IntakeFixture.Now.AddHours(1), "conference_start", """{"host_id":1}"""));

        Assert.Equal("invalid_payload", result.DeadLetterReason);
        Assert.Equal(["payload.company_id", "payload.conference_id", "timestamp"], IntakeFixture.ErrorFields(result));
    }

    [Fact]
    public void ReceivedAt_ComesFromTheTimeProvider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IntakeFixture.Now);
        var intake = new WebhookIntake(new WebhookIntakeOptions { HashKey = IntakeFixture.HashKey }, time);
        time.Advance(TimeSpan.FromSeconds(1.5));

        var result = intake.Process(WebhookSamples.Valid("conference_start"));

        Assert.Equal("2022-08-24T21:00:01.500Z", WebhookSamples.Parse(result.Value).GetProperty("received_at").GetString());
    }

    [Fact]
    public void Process_WithAGivenReceiptTime_StoresItAsReceivedAt_AndChecksTheFutureAgainstIt()
    {
        // For writing recorded traffic as the gateway would have stored it: the time provider's now plays no part.
        var receivedAt = IntakeFixture.Now.AddDays(-3);
        var intake = IntakeFixture.Intake();

        var accepted = intake.Process(At(receivedAt.AddMinutes(-1)), receivedAt);
        var future = intake.Process(At(receivedAt.AddMinutes(6)), receivedAt);

        Assert.Equal(IntakeStatus.Accepted, accepted.Status);
        Assert.Equal(receivedAt.ToIso(), WebhookSamples.Parse(accepted.Value).GetProperty("received_at").GetString());
        Assert.Equal("future_timestamp", future.DeadLetterReason);
    }
}
