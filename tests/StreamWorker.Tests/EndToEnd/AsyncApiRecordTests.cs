using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Json.Schema;
using StreamWorker.Events;

namespace StreamWorker.Tests.EndToEnd;

/// <summary>
/// Records that a real StreamWorker (role all) writes to each of the seven topics match the message that
/// docs/asyncapi.yaml declares for that topic: value, headers and key. A consumer generating code from the
/// document can therefore read what is really there.
/// </summary>
[Collection(StandaloneEndToEndGroup.Name)]
public sealed class AsyncApiRecordTests() : RoleAllTest(Conference, 88, 4, T0)
{
    private const long Conference = 6001;
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task RecordsOfEveryTopic_MatchTheirAsyncApiMessage()
    {
        var messages = AsyncApiDocument.Load().MessagesByTopic();
        await Sw.WaitUntilReadyAsync(Timeout);

        await PostAcceptedAsync("enter_conference", 5, ("participant_id", 1));
        await PostAcceptedAsync("enter_livestream", 10, ("participant_id", 2));
        await PostAcceptedAsync("leave_livestream", 20, ("participant_id", 2), ("reason_for_leaving", "user_dropped"));
        await PostAcceptedAsync("dialout_status_change", 30, ("participant_id", 3), ("status", "answered"));
        using (var invalid = await PostAsync("leave_conference", 40, ("participant_id", "not-a-number")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        }

        using (var unknown = await Sw.PostAsync(WebhookSamples.Body("brand_new_event", """{"x":1}""", T0.AddSeconds(45))))
        {
            Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        }

        await PostAcceptedAsync("conference_start", 60 * 60);
        await PostAcceptedAsync("enter_conference", 50, ("participant_id", 4)); // late: dead-lettered by the processor

        var expectedCounts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            [TopicNames.Events] = 7,
            [TopicNames.DeadLetter] = 2,
            [TopicNames.Participants] = 1,
            [TopicNames.LivestreamChurn] = 1,
            [TopicNames.DialoutAnswerRate] = 1,
            [TopicNames.Sessions] = 5,
            [TopicNames.CompanyUsage] = 4,
        };
        Assert.Equal(expectedCounts.Keys.Order(StringComparer.Ordinal), messages.Keys.Order(StringComparer.Ordinal));
        foreach (var (topic, atLeast) in expectedCounts)
        {
            var records = Sw.Reader(topic).ReadUntil(r => r.Count >= atLeast, Timeout);
            Assert.True(records.Count >= atLeast, $"{topic}: {records.Count} records, expected at least {atLeast}");
            foreach (var record in records)
            {
                AssertMatches(topic, messages[topic], record.Message);
            }
        }
    }

    private static void AssertMatches(string topic, AsyncApiMessage message, Message<string?, byte[]> record)
    {
        using var value = JsonDocument.Parse(record.Value);
        AssertValid(message.Payload, value.RootElement, $"{topic} value {Encoding.UTF8.GetString(record.Value)}");
        if (message.Headers is not null)
        {
            var headers = new JsonObject();
            foreach (var header in record.Headers ?? [])
            {
                headers[header.Key] = Encoding.UTF8.GetString(header.GetValueBytes());
            }

            using var headerDocument = JsonDocument.Parse(headers.ToJsonString());
            AssertValid(message.Headers, headerDocument.RootElement, $"{topic} headers {headers.ToJsonString()}");
        }

        if (message.Key is not null && !string.IsNullOrEmpty(record.Key))
        {
            using var key = JsonDocument.Parse(JsonSerializer.Serialize(record.Key));
            AssertValid(message.Key, key.RootElement, $"{topic} key {record.Key}");
        }
    }

    private static void AssertValid(JsonSchema schema, JsonElement instance, string what)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = result.Details?.Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")) ?? [];
        Assert.True(result.IsValid, what + " does not match its AsyncAPI message: " + string.Join("; ", errors));
    }
}
