using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Mock;
using Streamiz.Kafka.Net.SerDes;
using StreamWorker.Kafka;
using StreamWorker.Telemetry;
using StreamWorker.Tests.Support;
using StreamWorker.Topology;

namespace StreamWorker.Tests.Support.Topology;

/// <summary>
/// The processor topology in a <see cref="TopologyTestDriver"/> (SYNC_TASK): pipe stored events in, read what each
/// output topic received so far. Event times are minutes:seconds after 2022-08-24T20:00:00Z.
/// </summary>
internal sealed class TopologyHarness : IDisposable
{
    public static readonly DateTimeOffset Origin = new(2022, 8, 24, 20, 0, 0, TimeSpan.Zero);

    private readonly TopologyTestDriver driver;
    private readonly TestInputTopic<string, byte[]> input;
    private readonly Dictionary<string, TestOutputTopic<string, byte[]>> outputs = [];
    private readonly Dictionary<string, List<OutputRecord>> received = [];
    private readonly ProcessorTelemetry? ownTelemetry;

    public TopologyHarness(ProcessorOptions? options = null, ProcessorTelemetry? telemetry = null)
    {
        Options = options ?? new ProcessorOptions();
        var builder = new StreamBuilder();
        ownTelemetry = telemetry is null ? new ProcessorTelemetry(new TestMeterFactory(), TimeProvider.System) : null;
        ProcessorTopology.Build(builder, Options, Topics, telemetry ?? ownTelemetry!, eventsPartitions: 1);
        var config = new StreamConfig<StringSerDes, ByteArraySerDes> { ApplicationId = Options.ApplicationId, StateDir = Options.StateDirectory };
        driver = new TopologyTestDriver(builder.Build(), config, TopologyTestDriver.Mode.SYNC_TASK);
        input = driver.CreateInputTopic<string, byte[]>(Topics.Events);
        foreach (var topic in new[] { Topics.Participants, Topics.LivestreamChurn, Topics.DialoutAnswerRate, Topics.Sessions, Topics.CompanyUsage, Topics.DeadLetter })
        {
            outputs[topic] = driver.CreateOutputTopic<string, byte[]>(topic);
            received[topic] = [];
        }
    }

    public TopicOptions Topics { get; } = new();

    public ProcessorOptions Options { get; }

    public static string Time(int minutes, int seconds = 0, int milliseconds = 0) =>
        Origin.AddMinutes(minutes).AddSeconds(seconds).AddMilliseconds(milliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Pipes one stored event, keyed by its conference as the gateway writes it.</summary>
    public void Pipe(string eventId, string eventName, string timestamp, object payload)
    {
        var payloadNode = JsonSerializer.SerializeToNode(payload)!;
        var value = new JsonObject
        {
            ["event_id"] = eventId,
            ["event"] = eventName,
            ["timestamp"] = timestamp,
            ["received_at"] = timestamp,
            ["payload"] = payloadNode,
        };
        var key = (payloadNode["conference_id"] ?? payloadNode["host_id"])?.ToJsonString() ?? "";
        PipeRaw(key, Encoding.UTF8.GetBytes(value.ToJsonString()));
    }

    public void PipeRaw(string key, byte[] value) => input.PipeInput(key, value);

    /// <summary>Moves the driver's wall clock (wall-clock punctuations run); move the stage's <see cref="TimeProvider"/> along with it.</summary>
    public void AdvanceWallClock(TimeSpan by) => driver.AdvanceWallClockTime(by);

    public IReadOnlyList<OutputRecord> Participants => Read(Topics.Participants);
    public IReadOnlyList<OutputRecord> Churn => Read(Topics.LivestreamChurn);
    public IReadOnlyList<OutputRecord> Dialout => Read(Topics.DialoutAnswerRate);
    public IReadOnlyList<OutputRecord> Sessions => Read(Topics.Sessions);
    public IReadOnlyList<OutputRecord> Usage => Read(Topics.CompanyUsage);
    public IReadOnlyList<OutputRecord> DeadLetters => Read(Topics.DeadLetter);

    public IEnumerable<KeyValuePair<string, StateValue>> Store(string name) => driver.GetKeyValueStore<string, StateValue>(name).All();

    public void Dispose()
    {
        driver.Dispose();
        ownTelemetry?.Dispose();
    }

    private List<OutputRecord> Read(string topic)
    {
        foreach (var record in outputs[topic].ReadKeyValueList())
        {
            received[topic].Add(new OutputRecord(record.Message.Key, Encoding.UTF8.GetString(record.Message.Value)));
        }

        return received[topic];
    }
}
