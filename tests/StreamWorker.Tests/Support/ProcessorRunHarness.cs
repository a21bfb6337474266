using System.Diagnostics;
using StreamWorker.EmbeddedKafka;
using StreamWorker.Events;
using StreamWorker.Kafka;
using StreamWorker.Tests.Support.Oracle;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Support;

/// <summary>
/// The shared parts of the processor reliability tests: a broker in the test process with every topic the runs
/// need, the scenario, and "caught up": the run's group has no lag on <c>webhook-events</c> and its output no
/// longer changes.
/// </summary>
public static class ProcessorRunHarness
{
    public const int Partitions = 6;
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<ScenarioRecord>> SharedScenario =
        new(() => ScenarioRecords.Intake(OracleScenario.GenerateWithAllEventKinds(20261126, Start, steps: 2_000, conferences: 40)));

    private static readonly Lazy<IReadOnlyList<ScenarioRecord>> SharedLargeScenario =
        new(() => ScenarioRecords.Intake(OracleScenario.GenerateWithAllEventKinds(20261127, Start, steps: 1_000, conferences: 10, webinarViewers: 3_000)));

    /// <summary>
    /// About 3,000 records of every event type over 40 conferences of 4 companies, with re-deliveries, disorder, late
    /// events and sessions timing out (<see cref="OracleScenario.GenerateWithAllEventKinds"/>); generated once per test run.
    /// </summary>
    public static IReadOnlyList<ScenarioRecord> Scenario => SharedScenario.Value;

    /// <summary>About 7,000 records: the same mix over 10 conferences beside a webinar of 3,000 viewers and 300 participants.</summary>
    public static IReadOnlyList<ScenarioRecord> LargeScenario => SharedLargeScenario.Value;

    public static IReadOnlyList<ScenarioRecord> ScenarioFor(bool largeConference) => largeConference ? LargeScenario : Scenario;

    public static EmbeddedKafkaCluster StartCluster(int brokers, params ProcessorRunSettings[] runs)
    {
        // The application's own topics as the plan names them (the embedded broker cannot create a topic on request).
        var contractTopics = TopicPlan.For(new TopicOptions(), []).Topics.Select(t => t.Name);
        return EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions
        {
            Port = 0,
            Brokers = brokers,
            Topics = [.. contractTopics.Concat(runs.SelectMany(r => r.Topics)).Distinct().Select(t => new TopicSpec(t, Partitions))],
        });
    }

    public static string StateDirectory() => Path.Combine(Path.GetTempPath(), "streamworker-reliability", Guid.NewGuid().ToString("N"));

    /// <summary>Polls a condition every 100 ms until it holds; false when the timeout passes first.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }

        return condition();
    }

    /// <summary>
    /// Waits until the run has read every event and two snapshots of its output 1.5 s apart are equal (so the
    /// company stage behind the repartition topic has finished too). "Read every event": the group's committed
    /// offsets are at the high watermarks, or, where offsets are not committed (exactly-once on the embedded
    /// broker, see docs/reliability.md (section 4 and 5)), the last process has read at least <paramref name="events"/>.
    /// </summary>
    public static async Task<OutputSnapshot> WaitCaughtUpAsync(
        string bootstrapServers, ProcessorRunSettings run, int events, TimeSpan timeout, params StreamWorkerProcess[] processes)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(processes);
        var watch = Stopwatch.StartNew();
        OutputSnapshot? previous = null;
        long lag = -1, read = -1;
        while (watch.Elapsed < timeout)
        {
            if (processes.Length > 0 && processes.All(p => p.HasExited))
            {
                throw new InvalidOperationException($"{run.ApplicationId}: every processor exited:\n{processes[^1].Output}");
            }

            lag = ConsumerGroupLag.Of(bootstrapServers, run.ApplicationId, TopicNames.Events, Partitions);
            read = processes.Length > 0 && !processes[^1].HasExited ? await processes[^1].EventsReadAsync() : -1;
            if (lag == 0 || read >= events)
            {
                var current = OutputSnapshot.Read(bootstrapServers, run, TimeSpan.FromSeconds(20));
                if (previous is not null && previous.RecordsRead == current.RecordsRead && previous.Differences(current).Count == 0)
                {
                    return current;
                }

                previous = current;
            }

            await Task.Delay(1500);
        }

        throw new TimeoutException(
            $"{run.ApplicationId} did not catch up within {timeout} (lag on {TopicNames.Events} {lag}, events read by the last process {read} of {events}, output records {previous?.RecordsRead}):\n"
            + string.Join("\n---\n", processes.Select(p => p.Output)));
    }

    /// <summary>
    /// Asserts that <paramref name="run"/> ended exactly as <paramref name="reference"/>: the same latest window records
    /// and the same dead letters. <paramref name="after"/> names what the run went through, for the failure message.
    /// </summary>
    public static void AssertSameOutput(
        ITestOutputHelper output, string bootstrapServers, ProcessorRunSettings reference, OutputSnapshot expected, ProcessorRunSettings run, OutputSnapshot actual, string after)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var referenceDeadLetters = DeadLetters(bootstrapServers, reference);
        var runDeadLetters = DeadLetters(bootstrapServers, run);
        output.WriteLine($"records read: {reference.ApplicationId} {expected.RecordsRead}, {run.ApplicationId} {actual.RecordsRead}; latest records compared {expected.Latest.Count}");
        output.WriteLine($"dead letters (distinct event id and reason): {reference.ApplicationId} {referenceDeadLetters.Count}, {run.ApplicationId} {runDeadLetters.Count}");
        var differences = actual.Differences(expected);
        Assert.True(differences.Count == 0, $"{differences.Count} of {expected.Latest.Count} window records differ {after}:\n{actual.Describe(expected)}");
        Assert.Equal(referenceDeadLetters, runDeadLetters);
    }

    /// <summary>The distinct (event id, reason) pairs a run dead-lettered: a re-read late event may be written twice at-least-once.</summary>
    public static SortedSet<string> DeadLetters(string bootstrapServers, ProcessorRunSettings run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var message in TopicSnapshot.Read(bootstrapServers, run.DeadLetter, TimeSpan.FromSeconds(20)))
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(message.Value)!;
            set.Add($"{node["event_id"]}|{node["reason"]}");
        }

        return set;
    }
}
