using System.Text;
using System.Text.Json;
using StreamWorker.Events;
using StreamWorker.Simulator.Generation;
using StreamWorker.Simulator.Kafka;

namespace StreamWorker.Simulator.Tests;

public class EventsTopicTests
{
    // The traffic's start: deliveries are received at their send offset after it, as through the gateway.
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Trait("Layer", "Integration")]
    [Fact]
    public async Task Prefill_ThenRawConsume_ReadsEveryStoredEventInTheContractFormat()
    {
        using var cluster = new MockKafkaCluster([TopicNames.Events]);
        var options = RealisticRun.Options with { Conferences = 20, InvalidShare = 0.02 };
        var deliveries = TrafficGenerator.Generate(options).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var filled = await new EventsTopicFiller(cluster.BootstrapServers, TopicNames.Events).FillAsync(deliveries, options.Start, long.MaxValue, timeout.Token);
        var raw = new RawEventsConsumer(cluster.BootstrapServers, TopicNames.Events).Run(filled.Records, TimeSpan.FromSeconds(10), timeout.Token);

        var invalid = deliveries.Count(d => d.Kind == DeliveryKind.Invalid);
        Assert.Equal(deliveries.Count - invalid, filled.Records);
        Assert.Equal(invalid, filled.Skipped);
        Assert.Equal(filled.Records, raw.Records);
        Assert.Equal(0, raw.Unparsable);
        Assert.True(raw.RawEventsPerS > 0);
    }

    [Trait("Layer", "Unit")]
    [Fact]
    public void StoredValue_KeysByConference_NormalisesIdentifiers_HashesPersonalData_AndSharesIdsAcrossRedeliveries()
    {
        var body = """{"event":"dialout_status_change","payload":"{\"host_id\":\"61000\",\"company_id\":1001,\"conference_id\":\"1258000\",\"participant_id\":5,\"status\":\"new\",\"phone_number\":\"+15551234567\"}","timestamp":"2026-01-01T00:00:01.000Z"}""";

        Assert.True(StoredEventWriter.TryWrite(new Delivery(1_500, DeliveryKind.Original, "dialout_status_change", body), Start, out var stored));
        Assert.True(StoredEventWriter.TryWrite(new Delivery(90_000, DeliveryKind.Duplicate, "dialout_status_change", body), Start, out var duplicate));

        Assert.Equal(("1258000", "dialout_status_change"), (stored.Key, stored.EventName));
        Assert.Equal(stored.EventId, duplicate.EventId);
        var value = Encoding.UTF8.GetString(stored.Value.Span);
        using var document = JsonDocument.Parse(value);
        var root = document.RootElement;
        Assert.Equal(["event_id", "event", "timestamp", "received_at", "payload"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(stored.EventId, root.GetProperty("event_id").GetString());
        Assert.Equal("2026-01-01T00:00:01.500Z", root.GetProperty("received_at").GetString());
        var payload = root.GetProperty("payload");
        Assert.Equal(61000, payload.GetProperty("host_id").GetInt64());
        Assert.Equal(1258000, payload.GetProperty("conference_id").GetInt64());
        Assert.StartsWith("hmac-sha256:", payload.GetProperty("phone_number").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("5551234567", value, StringComparison.Ordinal);
    }

    [Trait("Layer", "Unit")]
    [Fact]
    public void StoredValue_HostLevelEvent_IsKeyedByHost()
    {
        var body = """{"event":"drive_file_added","payload":"{\"host_id\":61000,\"company_id\":1001,\"id\":9,\"filename\":\"a.pdf\",\"size\":10}","timestamp":"2026-01-01T00:00:01.000Z"}""";

        Assert.True(StoredEventWriter.TryWrite(new Delivery(0, DeliveryKind.Original, "drive_file_added", body), Start, out var stored));

        Assert.Equal("61000", stored.Key);
    }

    [Fact]
    public void StoredValue_DeliveryTheGatewayWouldDeadLetter_IsNotWritten()
    {
        // A known event without its host_id: the gateway answers 422 and stores it in the dead-letter topic only.
        var body = """{"event":"conference_start","payload":"{\"company_id\":1001,\"conference_id\":1258000}","timestamp":"2026-01-01T00:00:01.000Z"}""";

        Assert.False(StoredEventWriter.TryWrite(new Delivery(0, DeliveryKind.Original, "conference_start", body), Start, out var stored));
        Assert.Null(stored);
    }
}
