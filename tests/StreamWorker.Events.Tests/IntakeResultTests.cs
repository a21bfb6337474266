using System.Runtime.InteropServices;
using System.Text;

namespace StreamWorker.Events.Tests;

public class IntakeResultTests
{
    [Fact]
    public void AcceptedValue_IsAWholeArrayTheProducerCanTakeWithoutCopying()
    {
        var result = IntakeFixture.Intake().Process(WebhookSamples.Valid("enter_conference"));

        Assert.True(MemoryMarshal.TryGetArray(result.Value, out var segment));
        Assert.Equal(0, segment.Offset);
        Assert.Equal(segment.Array!.Length, segment.Count);
    }

    [Fact]
    public void ResultsOfOneIntakeUsedFromManyThreads_AreIdentical()
    {
        var intake = IntakeFixture.Intake();
        var bodies = WebhookEventNames.All.Select(WebhookSamples.Valid).ToArray();
        var expected = bodies.Select(b => intake.Process(b).Value.ToArray()).ToArray();
        var mismatches = 0;

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var index = i % bodies.Length;
            if (!intake.Process(bodies[index]).Value.Span.SequenceEqual(expected[index])) Interlocked.Increment(ref mismatches);
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void UnpairedSurrogateEscapeInThePayload_IsAnErrorOnPayload()
    {
        var body = Encoding.UTF8.GetBytes("""{"event":"x","payload":"{\"note\":\"\\ud800\"}","timestamp":"2022-08-24T20:56:55Z"}""");

        var result = IntakeFixture.Intake().Process(body);

        Assert.Equal(IntakeStatus.InvalidEnvelope, result.Status);
        Assert.Equal(["payload"], IntakeFixture.ErrorFields(result));
    }

    [Fact]
    public void LargeValidBody_LeavesTheNextResultCorrect()
    {
        var intake = IntakeFixture.Intake();
        var large = WebhookSamples.Envelope("new_event", "{\"blob\":\"" + new string('a', 200_000) + "\"}");

        var big = intake.Process(large);
        var small = intake.Process(WebhookSamples.Valid("conference_start"));

        Assert.Equal(IntakeStatus.Accepted, big.Status);
        Assert.True(big.Value.Length > 200_000);
        Assert.True(StoredEventReader.TryRead(small.Value.Span, out var stored, out _));
        Assert.Equal("conference_start", stored!.Event);
    }
}
