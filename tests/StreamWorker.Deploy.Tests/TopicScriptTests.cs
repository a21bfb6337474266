
namespace StreamWorker.Deploy.Tests;

/// <summary>
/// Runs deploy/kafka/create-topics.sh against a stand-in kafka-topics.sh that
/// records its arguments: what the compose service would ask Kafka for.
/// </summary>
[Trait("Layer", "Integration")]
public sealed class TopicScriptTests : IDisposable
{
    private static readonly string[] ContractTopics =
    [
        "webhook-events", "webhook-events-dlq", "analytics-conference-participants", "analytics-livestream-churn", "analytics-dialout-answer-rate",
    ];

    private readonly string _fakeKafkaBin = Directory.CreateTempSubdirectory("streamworker-kafka-bin-").FullName;

    public TopicScriptTests()
    {
        var fake = Path.Combine(_fakeKafkaBin, "kafka-topics.sh");
        File.WriteAllText(fake, $"#!/bin/bash\necho \"$*\" >> '{Path.Combine(_fakeKafkaBin, "calls.log")}'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void Script_CreatesEveryListedTopicWithSixPartitionsIdempotently()
    {
        var calls = RunScript();

        var creates = calls.Where(call => call.Contains("--create", StringComparison.Ordinal)).ToList();
        Assert.Equal(ListedTopics().Count, creates.Count);
        Assert.All(creates, call =>
        {
            Assert.Contains("--bootstrap-server kafka:19092", call, StringComparison.Ordinal);
            Assert.Contains("--partitions 6", call, StringComparison.Ordinal);
            Assert.Contains("--if-not-exists", call, StringComparison.Ordinal);
            Assert.Contains("--config retention.ms=604800000", call, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Script_CreatesContractTopicsWithDeleteRetention()
    {
        var calls = RunScript();

        foreach (var topic in ContractTopics)
        {
            Assert.Contains(calls, call => call.Contains($"--topic {topic} ", StringComparison.Ordinal)
                && call.Contains("cleanup.policy=delete", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Script_CreatesProcessorInternalTopicsWithChangelogsCompacted()
    {
        var calls = RunScript();
        var internalTopics = ListedTopics().Where(topic => topic.StartsWith("streamworker-", StringComparison.Ordinal)).ToList();

        Assert.Contains("streamworker-conference-state-changelog", internalTopics);
        Assert.All(internalTopics, topic =>
        {
            var policy = topic.EndsWith("-changelog", StringComparison.Ordinal) ? "compact" : "delete";
            Assert.True(topic.EndsWith("-changelog", StringComparison.Ordinal) || topic.EndsWith("-repartition", StringComparison.Ordinal), topic);
            Assert.Contains(calls, call => call.Contains($"--topic {topic} ", StringComparison.Ordinal)
                && call.Contains($"cleanup.policy={policy}", StringComparison.Ordinal));
        });
    }

    [Fact]
    public void Script_HonoursPartitionsFromTheEnvironment()
    {
        var calls = RunScript(new Dictionary<string, string> { ["PARTITIONS"] = "12" });

        Assert.All(calls.Where(call => call.Contains("--create", StringComparison.Ordinal)), call =>
            Assert.Contains("--partitions 12", call, StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_fakeKafkaBin, recursive: true);

    private static List<string> ListedTopics() =>
        File.ReadLines(RepositoryPaths.File("deploy", "kafka", "topics.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])
            .ToList();

    private List<string> RunScript(Dictionary<string, string>? extraEnvironment = null)
    {
        var environment = new Dictionary<string, string>(extraEnvironment ?? [])
        {
            ["KAFKA_BIN"] = _fakeKafkaBin,
            ["BOOTSTRAP_SERVERS"] = "kafka:19092",
            // The script needs coreutils (dirname), wherever the test runner's PATH points.
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin:" + Environment.GetEnvironmentVariable("PATH"),
        };

        var result = ExternalTool.Run("/bin/bash", [RepositoryPaths.File("deploy", "kafka", "create-topics.sh")], environment, TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 0, result.Output);
        return [.. File.ReadAllLines(Path.Combine(_fakeKafkaBin, "calls.log")).Select(line => line + " ")];
    }
}
