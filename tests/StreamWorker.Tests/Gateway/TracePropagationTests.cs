using System.Net;
using System.Text;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Tests.Gateway;

/// <summary>The request's W3C trace continues into the Kafka record, so the processor's span can link to it.</summary>
[Trait("Layer", "Integration")]
[Collection(GatewayGroup.Name)]
public sealed class TracePropagationTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Post_WithTraceparent_StoresARecordInTheSameTrace()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks")
        {
            Content = new StringContent(WebhookSamples.Body("start_recording", DateTimeOffset.UtcNow), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.SigningToken, StreamWorkerInstance.Token);
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        using var response = await fixture.Instance.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var eventId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("event_id").GetString();

        string? HeaderOf(Confluent.Kafka.ConsumeResult<string?, byte[]> r, string name) =>
            r.Message.Headers.TryGetLastBytes(name, out var b) ? Encoding.ASCII.GetString(b) : null;
        var record = fixture.Instance.Reader(TopicNames.Events)
            .ReadUntil(rs => rs.Any(r => HeaderOf(r, RecordHeaderNames.EventId) == eventId), TimeSpan.FromSeconds(20))
            .Single(r => HeaderOf(r, RecordHeaderNames.EventId) == eventId);
        var traceparent = HeaderOf(record, "traceparent");
        Assert.NotNull(traceparent);
        Assert.Equal(traceId, traceparent!.Split('-')[1]);
        Assert.NotEqual("00f067aa0ba902b7", traceparent.Split('-')[2]);
    }
}
