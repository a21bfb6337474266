using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using StreamWorker.Events;

namespace StreamWorker.Tests.Gateway;

/// <summary>POST /webhooks through the real HTTP pipeline, read back from the embedded broker with a real consumer.</summary>
[Trait("Layer", "Integration")]
[Collection(GatewayGroup.Name)]
public sealed class WebhookEndpointTests(GatewayFixture fixture)
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);
    private readonly StreamWorkerInstance _sw = fixture.Instance;

    public static TheoryData<string> EventNames => new(WebhookSamples.Payloads.Keys);

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Theory]
    [MemberData(nameof(EventNames))]
    public async Task Post_ValidEventOfEachType_Returns202AndStoresKeyHeadersAndValue(string eventName)
    {
        var timestamp = new DateTimeOffset(2026, 11, 27, 9, 30, 15, 123, TimeSpan.Zero);
        using var response = await _sw.PostAsync(WebhookSamples.Body(eventName, timestamp));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var eventId = await ReadEventId(response);
        var record = FindRecord(TopicNames.Events, eventId);

        var payload = JsonNode.Parse(WebhookSamples.Payloads[eventName])!.AsObject();
        var expectedKey = (payload["conference_id"] ?? payload["host_id"])!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expectedKey, record.Message.Key);
        Assert.Equal(eventName, Header(record, RecordHeaderNames.Event));
        Assert.Equal(eventId, Header(record, RecordHeaderNames.EventId));
        var value = WebhookSamples.Parse(record.Message.Value);
        Assert.Equal(eventId, value.GetProperty("event_id").GetString());
        Assert.Equal(eventName, value.GetProperty("event").GetString());
        Assert.Equal("2026-11-27T09:30:15.123Z", value.GetProperty("timestamp").GetString());
        Assert.True(value.TryGetProperty("received_at", out _));
        Assert.Equal(JsonValueKind.Object, value.GetProperty("payload").ValueKind);
        Assert.Equal(61803, value.GetProperty("payload").GetProperty("host_id").GetInt64());
    }

    [Fact]
    public async Task Post_SameDeliveryTwice_ReturnsSameEventIdBothTimes()
    {
        var body = WebhookSamples.Body("enter_conference", WebhookSamples.Payload("enter_conference", ("participant_id", 777001)), Now);

        using var first = await _sw.PostAsync(body);
        using var second = await _sw.PostAsync(body);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await ReadEventId(first), await ReadEventId(second));
    }

    [Fact]
    public async Task Post_DifferentEvents_GetDifferentEventIds()
    {
        using var a = await _sw.PostAsync(WebhookSamples.Body("enter_conference", WebhookSamples.Payload("enter_conference", ("participant_id", 1)), Now));
        using var b = await _sw.PostAsync(WebhookSamples.Body("enter_conference", WebhookSamples.Payload("enter_conference", ("participant_id", 2)), Now));

        Assert.NotEqual(await ReadEventId(a), await ReadEventId(b));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task Post_MissingOrWrongToken_Returns401WithEmptyBody(string? token)
    {
        using var response = await _sw.PostAsync(WebhookSamples.Body("conference_start", Now), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Post_TwoTokenHeaders_Returns401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(WebhookSamples.Body("conference_start", Now), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(WebhookHeaders.SigningToken, [StreamWorkerInstance.Token, StreamWorkerInstance.Token]);

        using var response = await _sw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Post_NonJsonContentType_Returns415Problem(string contentType)
    {
        using var response = await _sw.PostAsync(WebhookSamples.Body("conference_start", Now), contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_JsonWithCharset_IsAccepted()
    {
        using var response = await _sw.PostAsync(WebhookSamples.Body("conference_start", Now), contentType: "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413Problem()
    {
        var huge = WebhookSamples.Payload("recording_ready", ("download_link", new string('x', 70 * 1024)));
        using var response = await _sw.PostAsync(WebhookSamples.Body("recording_ready", huge, Now));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not json at all", "body")]
    [InlineData("""{"payload":"{}","timestamp":"2026-01-01T00:00:00.000Z"}""", "event")]
    [InlineData("""{"event":"conference_start","payload":{"conference_id":1},"timestamp":"2026-01-01T00:00:00.000Z"}""", "payload")]
    [InlineData("""{"event":"conference_start","payload":"[1,2]","timestamp":"2026-01-01T00:00:00.000Z"}""", "payload")]
    [InlineData("""{"event":"conference_start","payload":"{\"host_id\":1,\"company_id\":2,\"conference_id\":3}","timestamp":"yesterday"}""", "timestamp")]
    [InlineData("""{"event":42,"payload":"{}","timestamp":"2026-01-01T00:00:00.000Z"}""", "event")]
    public async Task Post_NotAnEnvelope_Returns400NamingTheField(string body, string field)
    {
        using var response = await _sw.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadProblem(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task Post_PayloadMissingRequiredField_Returns422AndDeadLettersIt()
    {
        var payload = WebhookSamples.Payload("leave_conference", ("participant_id", null), ("reason_for_leaving", "went_for_lunch"));
        using var response = await _sw.PostAsync(WebhookSamples.Body("leave_conference", payload, Now));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var problem = await ReadProblem(response);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("payload.participant_id", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("payload.reason_for_leaving", out _), problem.ToString());

        var deadLetter = FindDeadLetter(r => r.GetProperty("body").GetProperty("payload").ValueKind == JsonValueKind.Object
            && r.GetProperty("body").GetProperty("payload").TryGetProperty("reason_for_leaving", out var reason)
            && reason.GetString() == "went_for_lunch");
        Assert.Equal("invalid_payload", deadLetter.GetProperty("reason").GetString());
        Assert.True(deadLetter.GetProperty("errors").TryGetProperty("payload.participant_id", out _));
        Assert.False(string.IsNullOrEmpty(deadLetter.GetProperty("event_id").GetString()));
    }

    [Fact]
    public async Task Post_TimestampTooFarInTheFuture_Returns422AndDeadLettersWithReason()
    {
        var payload = WebhookSamples.Payload("enter_conference", ("participant_id", 880088));
        using var response = await _sw.PostAsync(WebhookSamples.Body("enter_conference", payload, Now.AddHours(1)));

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        var deadLetter = FindDeadLetter(r => r.GetProperty("reason").GetString() == "future_timestamp");
        Assert.Equal("future_timestamp", deadLetter.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Post_TimestampWithinClockSkew_IsAccepted()
    {
        using var response = await _sw.PostAsync(WebhookSamples.Body("conference_start", Now.AddMinutes(2)));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_UnknownEventName_Returns202AndStoresItAsIs()
    {
        using var response = await _sw.PostAsync(WebhookSamples.Body("breakout_room_opened", """{"conference_id":5150,"host_id":7,"room":"b1"}""", Now));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = FindRecord(TopicNames.Events, await ReadEventId(response));
        Assert.Equal("breakout_room_opened", Header(record, RecordHeaderNames.Event));
        Assert.Equal("b1", WebhookSamples.Parse(record.Message.Value).GetProperty("payload").GetProperty("room").GetString());
    }

    [Fact]
    public async Task Post_IdentifiersAsNumericStrings_AreStoredAsIntegers()
    {
        var payload = """{"host_id":"61803","company_id":"42","conference_id":"99123","participant_id":"5"}""";
        using var response = await _sw.PostAsync(WebhookSamples.Body("enter_livestream", payload, Now));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var record = FindRecord(TopicNames.Events, await ReadEventId(response));
        Assert.Equal("99123", record.Message.Key);
        var stored = WebhookSamples.Parse(record.Message.Value).GetProperty("payload");
        Assert.Equal(JsonValueKind.Number, stored.GetProperty("conference_id").ValueKind);
        Assert.Equal(5, stored.GetProperty("participant_id").GetInt64());
    }

    [Fact]
    public async Task Post_PersonalData_IsHashedBeforeStorageByDefault()
    {
        var payload = WebhookSamples.Payload("dialout_status_change", ("participant_id", 60606));
        using var response = await _sw.PostAsync(WebhookSamples.Body("dialout_status_change", payload, Now));

        var record = FindRecord(TopicNames.Events, await ReadEventId(response));
        var raw = Encoding.UTF8.GetString(record.Message.Value);
        Assert.DoesNotContain("+15551234567", raw, StringComparison.Ordinal);
        var phone = WebhookSamples.Parse(record.Message.Value).GetProperty("payload").GetProperty("phone_number").GetString();
        Assert.StartsWith("hmac-sha256:", phone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_Liveness_And_Readiness_AreOk()
    {
        using var live = await _sw.Http.GetAsync("/healthz");
        using var ready = await _sw.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private ConsumeResult<string?, byte[]> FindRecord(string topic, string eventId)
    {
        var records = _sw.Reader(topic).ReadUntil(rs => rs.Any(r => Header(r, RecordHeaderNames.EventId) == eventId), ReadTimeout);
        var match = records.FirstOrDefault(r => Header(r, RecordHeaderNames.EventId) == eventId);
        Assert.True(match is not null, $"no record with event_id {eventId} in {topic} (read {records.Count})");
        return match!;
    }

    private JsonElement FindDeadLetter(Func<JsonElement, bool> predicate)
    {
        var records = _sw.Reader(TopicNames.DeadLetter).ReadUntil(rs => rs.Any(r => predicate(WebhookSamples.Parse(r.Message.Value))), ReadTimeout);
        var match = records.Select(r => WebhookSamples.Parse(r.Message.Value)).Where(predicate).ToList();
        Assert.True(match.Count > 0, $"no matching dead letter (read {records.Count})");
        return match[0];
    }

    private static string? Header(ConsumeResult<string?, byte[]> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;

    private static async Task<string> ReadEventId(HttpResponseMessage response)
    {
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var id = json.GetProperty("event_id").GetString();
        Assert.False(string.IsNullOrEmpty(id));
        return id!;
    }

    private static async Task<JsonElement> ReadProblem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
