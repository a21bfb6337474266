using System.Text.Json;
using StreamWorker.Simulator.Generation;
using StreamWorker.Simulator.Kafka;

namespace StreamWorker.Simulator.Tests;

public class EventsTopicTests
{
    private const string Topic = "webhook-events";

    [Trait("Layer", "Integration")]
    [Fact]
    public async Task Prefill_ThenRawConsume_ReadsEveryStoredEventInTheContractFormat()
    {
        using var cluster = new MockKafkaCluster([Topic]);
        var options = RealisticRun.Options with { Conferences = 20, InvalidShare = 0.02 };
        var deliveries = TrafficGenerator.Generate(options).ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var filled = await new EventsTopicFiller(cluster.BootstrapServers, Topic).FillAsync(deliveries, options.Start, long.MaxValue, timeout.Token);
        var raw = new RawEventsConsumer(cluster.BootstrapServers, Topic).Run(filled.Records, TimeSpan.FromSeconds(10), timeout.Token);

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
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.True(StoredEventWriter.TryWrite(new Delivery(1_500, DeliveryKind.Original, "dialout_status_change", body), start, out var key, out var value, out var eventName, out var eventId));
        Assert.True(StoredEventWriter.TryWrite(new Delivery(90_000, DeliveryKind.Duplicate, "dialout_status_change", body), start, out _, out _, out _, out var duplicateId));

        Assert.Equal(("1258000", "dialout_status_change"), (key, eventName));
        Assert.Equal(eventId, duplicateId);
        using var stored = JsonDocument.Parse(value);
        var root = stored.RootElement;
        Assert.Equal(["event_id", "event", "timestamp", "received_at", "payload"], root.EnumerateObject().Select(p => p.Name));
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

        Assert.True(StoredEventWriter.TryWrite(new Delivery(0, DeliveryKind.Original, "drive_file_added", body), DateTimeOffset.UnixEpoch, out var key, out _, out _, out _));

        Assert.Equal("61000", key);
    }
}
