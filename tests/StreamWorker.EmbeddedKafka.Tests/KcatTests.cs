using System.Diagnostics;

namespace StreamWorker.EmbeddedKafka.Tests;

/// <summary>Reads the embedded broker from outside the process, as a developer would with kcat.</summary>
public class KcatTests
{
    private static readonly TimeSpan KcatTimeout = TimeSpan.FromSeconds(20);

    [SkippableFact]
    public async Task Kcat_FromOutsideTheProcess_ListsTheClusterAndReadsAProducedRecord()
    {
        var kcat = FindOnPath("kcat");
        Skip.If(kcat is null, "kcat is not on PATH (install it with `apt-get install kcat`).");

        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { Port = 0, Topics = [new TopicSpec("webhook-events", 1)] });
        using (var producer = KafkaTestClients.Producer(cluster.BootstrapServers))
        {
            await producer.ProduceAsync("webhook-events", KafkaTestClients.Message("meeting-42", "{\"event\":\"meeting.started\"}"));
        }

        var listing = await RunAsync(kcat!, "-b", cluster.BootstrapServers, "-L");
        var consumed = await RunAsync(kcat!, "-b", cluster.BootstrapServers, "-C", "-t", "webhook-events", "-o", "beginning", "-c", "1", "-e", "-f", "%k|%s\n");

        Assert.Contains("topic \"webhook-events\" with 1 partitions", listing, StringComparison.Ordinal);
        Assert.Contains($"broker 1 at {cluster.BootstrapServers}", listing, StringComparison.Ordinal);
        Assert.Equal("meeting-42|{\"event\":\"meeting.started\"}", consumed.Trim());
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(KcatTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {KcatTimeout.TotalSeconds} s.");
        }

        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
