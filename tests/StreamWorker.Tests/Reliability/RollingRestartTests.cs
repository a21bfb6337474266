using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using StreamWorker.Events;
using StreamWorker.Tests.Support.Oracle;
using Xunit.Abstractions;

namespace StreamWorker.Tests.Reliability;

/// <summary>
/// A deploy as Kubernetes does it, under load: the embedded broker in its own process, a gateway, and two processor
/// instances in one group. While a seeded scenario (every rule of docs/aggregates.md, over a dozen conferences of
/// four companies, so that every events partition feeds the company windows) is posted through the gateway at a
/// steady pace, the processors are replaced one after the other: round 1 with SIGTERM, round 2 with SIGKILL, further
/// rounds (soak: <c>ROLLING_ROUNDS</c>) with either at random. A replacement must be ready before the next pod goes,
/// and an instance that stops by itself (a stalled one stops after <c>Processor:StallTimeout</c>) is started again.
/// Then every analytics topic (every field, final flags included) and the late dead letters must equal the
/// contract oracle computed from the stored events, partition by partition.
/// Soak: <c>bench/rolling-soak.sh</c> runs this with random seeds and three rounds and counts exact runs.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output) : ProcessorProcessesTest
{
    private const int Partitions = 6;
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 6, 0, 3, TimeSpan.Zero);
    private static readonly TimeSpan ExactnessTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("at_least_once", 1)]
    [InlineData("exactly_once", 3)]
    public async Task RollingRestartsUnderLoad_GracefulAndKilled_OutputEqualsTheOracle(string guarantee, int brokers)
    {
        var seed = Setting("ROLLING_SEED", 20261204);
        var rounds = Setting("ROLLING_ROUNDS", 2);
        var steps = Setting("ROLLING_STEPS", 700);
        var random = new Random(seed);
        var deliveries = OracleScenario.GenerateWithAllEventKinds(seed, Start, steps, conferences: 14);
        var loadTime = TimeSpan.FromSeconds(Setting("ROLLING_LOAD_SECONDS", 50) + (rounds - 2) * 25);
        var kafkaPort = FreePort.Next(brokers);
        var bootstrap = string.Join(',', Enumerable.Range(0, brokers).Select(i => $"127.0.0.1:{kafkaPort + i}"));

        using var broker = await StreamWorkerProcess.StartBrokerAsync(kafkaPort, brokers, Partitions);
        using var gateway = await StreamWorkerProcess.StartGatewayAsync(bootstrap, new Dictionary<string, string>());
        var environment = ProcessorEnvironment(bootstrap, guarantee);
        var slots = new[] { StartProcessor(environment), StartProcessor(environment) };
        var replaced = 0;
        try
        {
            await Task.WhenAll(slots.Select(p => p.WaitUntilReadyAsync(ReadyTimeout)));

            using var stop = new CancellationTokenSource(loadTime + TimeSpan.FromMinutes(4));
            var load = PostAtSteadyPaceAsync(gateway, deliveries, loadTime, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);

            var plan = new List<string>();
            for (var round = 0; round < rounds; round++)
            {
                for (var slot = 0; slot < slots.Length; slot++)
                {
                    var signal = round == 0 ? "SIGTERM" : round == 1 && slot == 0 ? "SIGKILL" : random.Next(2) == 0 ? "SIGTERM" : "SIGKILL";
                    await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 4000)), stop.Token);
                    var took = Stopwatch.StartNew();
                    slots[slot] = await ReplaceAsync(slots[slot], signal, environment, slots);
                    replaced++;
                    plan.Add($"round {round + 1} pod {slot + 1} {signal} ({took.Elapsed.TotalSeconds:0.0} s to ready)");
                }
            }

            var posted = await load;
            var loadEnded = Stopwatch.StartNew();
            Assert.Equal(deliveries.Count, posted);

            var stored = TopicSnapshot.ReadPartitions(bootstrap, TopicNames.Events, TimeSpan.FromSeconds(20))
                .Select(p => (IReadOnlyList<JsonObject>)[.. p.Select(m => JsonNode.Parse(m.Value)!.AsObject())])
                .ToList();
            Assert.Equal(deliveries.Count, stored.Sum(p => p.Count));
            var expected = ContractOracle.RunPartitioned(stored, sessionsAndUsage: true);
            Assert.True(
                expected.Dialout.Count >= 6 && expected.LateEventIds.Count >= 3 && expected.Sessions!.Count >= 6 && expected.CompanyUsage!.Count >= 2,
                $"the scenario is too thin: {expected.Dialout.Count} dial-out windows, {expected.LateEventIds.Count} late, {expected.Sessions!.Count} sessions, {expected.CompanyUsage!.Count} usage windows");

            var differences = await OracleComparison.UntilEqualAsync(bootstrap, expected, ExactnessTimeout, lateMayRepeat: true, TimeSpan.FromSeconds(2), () =>
            {
                foreach (var processor in slots.Where(p => p.HasExited)) output.WriteLine($"a processor exited with {processor.ExitCode} while catching up:\n{processor.Output}");
            });
            output.WriteLine($"guarantee {guarantee}, seed {seed}, {rounds} rounds, {deliveries.Count} deliveries over {loadTime.TotalSeconds:0} s, events per partition {string.Join('/', stored.Select(p => p.Count))}");
            output.WriteLine(string.Join("\n", plan));
            output.WriteLine($"expected: {expected.Participants.Count} participants, {expected.Churn.Count} churn, {expected.Dialout.Count} dial-out records ({expected.Dialout.Values.Count(r => r["final"]!.GetValue<bool>())} final), {expected.LateEventIds.Distinct().Count()} late");
            if (differences.Count > 0 && Environment.GetEnvironmentVariable("RELIABILITY_CHILD_LOG_DIR") is { Length: > 0 } dumpDir)
            {
                DumpTopic(bootstrap, "webhook-events", Path.Combine(dumpDir, "dump-webhook-events.txt"), v => Encoding.UTF8.GetString(v));
                DumpTopic(bootstrap, "streamworker-conference-state-changelog", Path.Combine(dumpDir, "dump-conference-changelog.txt"), v => StreamWorker.Aggregates.State.StateValueCodec.Deserialize(v).ToString());
                DumpTopic(bootstrap, "analytics-conference-participants", Path.Combine(dumpDir, "dump-participants.txt"), v => Encoding.UTF8.GetString(v));
                File.WriteAllLines(Path.Combine(dumpDir, "differences.txt"), differences);
            }

            Assert.True(differences.Count == 0, $"{differences.Count} differences from the oracle after {replaced} replacements:\n{string.Join("\n", differences.Take(40))}\n--- processors:\n{string.Join("\n---\n", slots.Select(p => p.Output))}");
            output.WriteLine($"exact {loadEnded.Elapsed.TotalSeconds:0.0} s after the last post");

            // An instance fenced in the last rebalance is not ready, and stops after Processor:StallTimeout to be started
            // again, as Kubernetes does: both pods end ready, and the output is still exact.
            Assert.True(await AllReadyAsync(slots, environment, TimeSpan.FromSeconds(120)), $"the processors did not both become ready:\n{string.Join("\n---\n", slots.Select(p => p.Output))}");
            var after = await OracleComparison.UntilEqualAsync(bootstrap, expected, ExactnessTimeout, lateMayRepeat: true, TimeSpan.FromSeconds(2));
            Assert.True(after.Count == 0, $"{after.Count} differences from the oracle once both pods were ready again:\n{string.Join("\n", after.Take(40))}");
        }
        finally
        {
            foreach (var processor in slots) processor.Dispose();
        }
    }

    private static void DumpTopic(string bootstrap, string topic, string path, Func<byte[], string> show)
    {
        using var consumer = new Confluent.Kafka.ConsumerBuilder<string?, byte[]?>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = bootstrap, GroupId = "dump-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false, EnablePartitionEof = true,
        }).Build();
        using var writer = new StreamWriter(path);
        for (var partition = 0; partition < Partitions; partition++)
        {
            var tp = new Confluent.Kafka.TopicPartition(topic, partition);
            var end = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(5)).High.Value;
            if (end == 0) continue;
            consumer.Assign(new Confluent.Kafka.TopicPartitionOffset(tp, Confluent.Kafka.Offset.Beginning));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var r = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (r is null) continue;
                if (r.IsPartitionEOF) break;
                string value;
                try { value = r.Message.Value is null ? "<tombstone>" : show(r.Message.Value); } catch (Exception ex) { value = "<undecodable " + ex.GetType().Name + ">"; }
                writer.WriteLine(FormattableString.Invariant($"{partition}\t{r.Offset.Value}\t{r.Message.Timestamp.UnixTimestampMs}\t{r.Message.Key}\t{value}"));
                if (r.Offset.Value + 1 >= end) break;
            }

            consumer.Unassign();
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static Dictionary<string, string> ProcessorEnvironment(string bootstrap, string guarantee) => new()
    {
        ["Kafka__BootstrapServers"] = bootstrap,
        ["Processor__Guarantee"] = guarantee,
        // A second of records to read again after a kill: the replay path runs at every SIGKILL.
        ["Processor__CommitInterval"] = "00:00:01",
        // Off: stream time moves by events only, so the oracle knows it exactly (idle close: QuietPartitionDialoutEndToEndTests).
        ["Processor__IdleCloseAfter"] = "00:00:00",
        ["Processor__StallTimeout"] = "00:00:30",
        // A killed member holds its partitions until its session times out (librdkafka default 45 s): keep that short.
        ["Kafka__Client__session.timeout.ms"] = "6000",
        ["Kafka__Client__heartbeat.interval.ms"] = "1000",
        ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("RELIABILITY_CHILD_LOG_LEVEL") ?? "Warning",
        ["Logging__LogLevel__StreamWorker.Topology"] = "Information",
        ["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "None",
        ["DOTNET_gcServer"] = "0",
    };

    private static StreamWorkerProcess StartProcessor(Dictionary<string, string> environment) =>
        StreamWorkerProcess.StartProcessor(environment, ProcessorRunHarness.StateDirectory());

    /// <summary>
    /// One rollout step: stop the pod (SIGTERM with a 30 s grace then SIGKILL, as Kubernetes; or SIGKILL), start its
    /// replacement and wait until it is ready. While waiting, the other pod is restarted if it stopped by itself.
    /// </summary>
    private async Task<StreamWorkerProcess> ReplaceAsync(StreamWorkerProcess pod, string signal, Dictionary<string, string> environment, StreamWorkerProcess[] slots)
    {
        if (signal == "SIGTERM")
        {
            if (!pod.Terminate(TimeSpan.FromSeconds(30)))
            {
                output.WriteLine($"a pod did not stop within 30 s of SIGTERM: killed\n{pod.Output}");
                pod.Kill();
            }
            else if (pod.ExitCode != 0)
            {
                output.WriteLine($"a pod exited with {pod.ExitCode} after SIGTERM:\n{pod.Output}");
            }
        }
        else
        {
            pod.Kill();
        }

        pod.Dispose();
        var replacement = StartProcessor(environment);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (replacement.HasExited)
            {
                output.WriteLine($"a replacement exited with {replacement.ExitCode}: started again\n{replacement.Output}");
                replacement.Dispose();
                replacement = StartProcessor(environment);
            }

            RestartExited(slots, environment, except: pod);
            if (await replacement.ReadinessAsync() == HttpStatusCode.OK) return replacement;
            await Task.Delay(250);
        }

        throw new TimeoutException($"a replacement was not ready within 90 s:\n{replacement.Output}");
    }

    /// <summary>Waits until every pod answers ready, starting again those that stop by themselves; false on timeout.</summary>
    private async Task<bool> AllReadyAsync(StreamWorkerProcess[] slots, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            RestartExited(slots, environment, except: null);
            var ready = true;
            foreach (var pod in slots) ready &= await pod.ReadinessAsync() == HttpStatusCode.OK;
            if (ready) return true;
            await Task.Delay(500);
        }

        return false;
    }

    private void RestartExited(StreamWorkerProcess[] slots, Dictionary<string, string> environment, StreamWorkerProcess? except)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] == except || !slots[i].HasExited) continue;
            output.WriteLine($"pod {i + 1} exited by itself with {slots[i].ExitCode}: started again\n{slots[i].Output}");
            slots[i].Dispose();
            slots[i] = StartProcessor(environment);
        }
    }

    /// <summary>Posts every delivery in order, spread evenly over <paramref name="duration"/>; returns how many got 202.</summary>
    private static async Task<int> PostAtSteadyPaceAsync(StreamWorkerProcess gateway, IReadOnlyList<OracleDelivery> deliveries, TimeSpan duration, CancellationToken cancellationToken)
    {
        var pace = duration / deliveries.Count;
        var watch = Stopwatch.StartNew();
        var accepted = 0;
        for (var i = 0; i < deliveries.Count; i++)
        {
            var due = pace * i - watch.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new StringContent(deliveries[i].Body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            request.Headers.Add(WebhookHeaders.SigningToken, StreamWorkerInstance.Token);
            using var response = await gateway.Http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"delivery {i} ({deliveries[i].Event}) got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            accepted++;
        }

        return accepted;
    }
}
