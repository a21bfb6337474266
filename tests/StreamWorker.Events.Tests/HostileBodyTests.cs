using System.Text;
using FsCheck;
using FsCheck.Xunit;

namespace StreamWorker.Events.Tests;

/// <summary>No body, however broken or hostile, makes <see cref="WebhookIntake.Process"/> throw or answer inconsistently.</summary>
public class HostileBodyTests
{
    private static readonly WebhookIntake Intake = IntakeFixture.Intake();

    /// <summary>Whatever the status, the result is one the gateway can act on.</summary>
    private static void AssertConsistent(IntakeResult result)
    {
        switch (result.Status)
        {
            case IntakeStatus.Accepted:
                Assert.Empty(result.Errors);
                Assert.True(StoredEventReader.TryRead(result.Value.Span, out var stored, out var error), error);
                Assert.Equal(result.EventId, stored!.EventId);
                break;
            case IntakeStatus.InvalidPayload:
                Assert.NotEmpty(result.Errors);
                Assert.NotNull(result.EventId);
                Assert.Contains(result.DeadLetterReason, new[] { "invalid_payload", "future_timestamp" });
                Assert.Equal(result.DeadLetterReason, WebhookSamples.Parse(result.Value).GetProperty("reason").GetString());
                break;
            default:
                Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
                Assert.NotEmpty(result.Errors);
                Assert.True(result.Value.IsEmpty);
                break;
        }
    }

    public static TheoryData<int> Prefixes() => new(Enumerable.Range(0, WebhookSamples.Valid("dialout_status_change").Length));

    [Theory]
    [MemberData(nameof(Prefixes))]
    public void TruncatedBody_IsAnInvalidEnvelope(int length)
    {
        var result = Intake.Process(WebhookSamples.Valid("dialout_status_change").AsSpan(0, length));

        Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
        AssertConsistent(result);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(100_000)]
    public void DeeplyNestedEnvelope_IsRejectedCleanly(int depth)
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"x","payload":"{}","timestamp":"2022-08-24T20:56:55Z","extra":""" + new string('[', depth) + new string(']', depth) + "}");

        var result = Intake.Process(body);

        Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
        Assert.Equal(["body"], IntakeFixture.ErrorFields(result));
    }

    [Fact]
    public void EnvelopeNestingWithinTheLimit_IsSkipped()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"x","payload":"{}","timestamp":"2022-08-24T20:56:55Z","extra":""" + new string('[', 60) + new string(']', 60) + "}");

        Assert.Equal(IntakeStatus.Accepted, Intake.Process(body).Status);
    }

    [Theory]
    [InlineData(33, IntakeStatus.InvalidEnvelope)]
    [InlineData(10_000, IntakeStatus.InvalidEnvelope)]
    [InlineData(31, IntakeStatus.Accepted)]
    public void DeeplyNestedPayload_IsRejectedCleanly(int depth, IntakeStatus expected)
    {
        var payload = """{"host_id":1,"deep":""" + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        var result = Intake.Process(WebhookSamples.Envelope("unknown_event", payload));

        Assert.Equal(expected, result.Status);
        AssertConsistent(result);
    }

    [Fact]
    public void DeepPayloadOfAnInvalidKnownEvent_IsDeadLettered()
    {
        var payload = """{"host_id":1,"deep":""" + new string('[', 30) + new string(']', 30) + "}";

        var result = Intake.Process(WebhookSamples.Envelope("conference_start", payload));

        Assert.Equal(IntakeStatus.InvalidPayload, result.Status);
        AssertConsistent(result);
    }

    public static TheoryData<string> HostileBodies() => new()
    {
        "\0",
        "{\"event\":\"conference_start\0\",\"payload\":\"{}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"conference_start\",\"payload\":\"{\\\"host_id\\\":\\\"\\u0000\\\"}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"x\",\"payload\":\"{\\\"a\\\":1e99999}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"conference_start\",\"payload\":\"{\\\"host_id\\\":1e99999,\\\"company_id\\\":-0,\\\"conference_id\\\":99999999999999999999999}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"\\ud800\",\"payload\":\"{}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"x\",\"payload\":\"{\\\"a\\\":\\\"\\\\ud800\\\"}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"x\",\"payload\":\"{\\\"phone_number\\\":\\\"\\\\udc00\\\"}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"x\",\"payload\":\"{\\\"\\\\ud800\\\":1}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"x\",\"payload\":\"\\ud800\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"x\",\"payload\":\"{}\",\"timestamp\":\"\\ud800\"}",
        "{\"event\":\"x\",\"payload\":\"{}\",\"timestamp\":\"9999-12-31T23:59:59.9999999-14:00\"}",
        "{\"event\":\"x\",\"payload\":\"{}\",\"timestamp\":\"0001-01-01T00:00:00+14:00\"}",
        "{\"event\":\"x\",\"payload\":\"{}\",\"timestamp\":\"" + new string('9', 5000) + "\"}",
        "{\"event\":\"x\",\"payload\":\"{}\",\"timestamp\":\"2022-08-24T20:56:55Z\",\"n\":" + new string('9', 5000) + "}",
        "{\"event\":\"" + new string('e', 60_000) + "\",\"payload\":\"{}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
        "{\"event\":\"x\",\"payload\":\"{\\\"a\\\":\\\"" + new string('é', 20_000) + "\\\"}\",\"timestamp\":\"2022-08-24T20:56:55Z\"}",
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void HostileBody_NeverThrowsAndGivesAConsistentResult(string body)
    {
        var result = Intake.Process(Encoding.UTF8.GetBytes(body));

        AssertConsistent(result);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]
    public void InvalidUtf8Anywhere_IsAnErrorOnBody(byte[] invalid)
    {
        var valid = WebhookSamples.Valid("conference_start");
        foreach (var position in new[] { 0, 3, 30, valid.Length - 2 })
        {
            var body = valid[..position].Concat(invalid).Concat(valid[position..]).ToArray();

            var result = Intake.Process(body);

            Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
            Assert.Equal(["body"], IntakeFixture.ErrorFields(result));
        }
    }

    [Property(MaxTest = 500)]
    public void RandomBytes_NeverThrow(byte[] body) => AssertConsistent(Intake.Process(body));

    [Property(MaxTest = 2000)]
    public void ValidBodyWithOneByteChanged_NeverThrows(NonNegativeInt position, byte value, PositiveInt eventIndex)
    {
        var body = WebhookSamples.Valid(WebhookEventNames.All[eventIndex.Get % WebhookEventNames.All.Count]);
        body[position.Get % body.Length] = value;

        AssertConsistent(Intake.Process(body));
    }

    [Property(MaxTest = 500)]
    public void AnyStringPayload_NeverThrows(string payload, string eventName) =>
        AssertConsistent(Intake.Process(WebhookSamples.Envelope(eventName ?? "", payload ?? "")));
}
