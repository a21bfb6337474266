using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

/// <summary>
/// One processor run against a shared <c>webhook-events</c>: its application id (consumer group, internal topic
/// prefix), guarantee, and output topics of its own, so several runs over the same input can be compared.
/// </summary>
public sealed record ProcessorRunSettings(string ApplicationId, string Guarantee = "at_least_once")
{
    public string Participants => $"{ApplicationId}.{TopicNames.Participants}";

    public string LivestreamChurn => $"{ApplicationId}.{TopicNames.LivestreamChurn}";

    public string DialoutAnswerRate => $"{ApplicationId}.{TopicNames.DialoutAnswerRate}";

    public string Sessions => $"{ApplicationId}.{TopicNames.Sessions}";

    public string CompanyUsage => $"{ApplicationId}.{TopicNames.CompanyUsage}";

    public string DeadLetter => $"{ApplicationId}.{TopicNames.DeadLetter}";

    /// <summary>The five analytics topics compared between runs.</summary>
    public IReadOnlyList<string> AnalyticsTopics => [Participants, LivestreamChurn, DialoutAnswerRate, Sessions, CompanyUsage];

    /// <summary>Every topic this run writes, its internal topics included (the embedded broker cannot create topics on request).</summary>
    public IEnumerable<string> Topics =>
        [.. AnalyticsTopics, DeadLetter, .. StreamWorker.Topology.ProcessorTopology.InternalTopics(new StreamWorker.Topology.ProcessorOptions { ApplicationId = ApplicationId })];

    /// <summary>Settings of this run on top of the common ones (environment form).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>The child process's environment (docs/configuration.md keys in environment form).</summary>
    public IReadOnlyDictionary<string, string> Environment(string bootstrapServers, int httpPort, string stateDirectory)
    {
        var environment = Common(bootstrapServers, httpPort, stateDirectory);
        foreach (var (key, value) in Extra) environment[key] = value;
        return environment;
    }

    private Dictionary<string, string> Common(string bootstrapServers, int httpPort, string stateDirectory) => new()
    {
        ["Role"] = "processor",
        ["Kafka__BootstrapServers"] = bootstrapServers,
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
        ["Processor__ApplicationId"] = ApplicationId,
        ["Processor__Guarantee"] = Guarantee,
        ["Processor__StateDirectory"] = stateDirectory,
        // A short commit interval leaves a second of records to read again after a kill: the replay is exercised.
        ["Processor__CommitInterval"] = "00:00:01",
        ["Topics__Events"] = TopicNames.Events,
        ["Topics__DeadLetter"] = DeadLetter,
        ["Topics__Participants"] = Participants,
        ["Topics__LivestreamChurn"] = LivestreamChurn,
        ["Topics__Sessions"] = Sessions,
        ["Topics__CompanyUsage"] = CompanyUsage,
        ["Topics__DialoutAnswerRate"] = DialoutAnswerRate,
        // A killed member holds its partitions until its session times out (librdkafka default 45 s): keep that short.
        ["Kafka__Client__session.timeout.ms"] = "6000",
        ["Kafka__Client__heartbeat.interval.ms"] = "1000",
        // RELIABILITY_CHILD_LOG_LEVEL=Debug shows Streamiz's own logs in failure messages.
        ["Logging__LogLevel__Default"] = System.Environment.GetEnvironmentVariable("RELIABILITY_CHILD_LOG_LEVEL") ?? "Warning",
        ["Logging__LogLevel__Streamiz.Kafka.Net"] = System.Environment.GetEnvironmentVariable("RELIABILITY_CHILD_LOG_LEVEL") ?? "Warning",
        ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        ["Logging__LogLevel__StreamWorker.Topology"] = "Information",
        ["DOTNET_gcServer"] = "0",
    };
}
