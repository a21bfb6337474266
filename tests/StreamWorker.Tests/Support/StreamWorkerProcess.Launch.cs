using System.Diagnostics;
using System.Globalization;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

// Starting the child process in each role: its environment, its HTTP port, how long to wait and how much output to keep.
public sealed partial class StreamWorkerProcess
{
    /// <summary>Role gateway against a Kafka the test owns; returns once <c>/readyz</c> answers 200.</summary>
    public static async Task<StreamWorkerProcess> StartGatewayAsync(string bootstrapServers, IDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Role"] = "gateway",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Kafka__BootstrapServers"] = bootstrapServers,
            ["Gateway__SigningTokens__0"] = StreamWorkerInstance.Token,
            ["Privacy__HashKey"] = HashKey,
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        // Every line is kept: the shutdown test searches the whole output for a warning.
        var gateway = Start(environment, port, stateDirectory: null, keptLines: int.MaxValue);
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return gateway;
    }

    /// <summary>
    /// Role broker: the embedded broker alone, on <paramref name="kafkaPort"/> (and the next ports for more brokers),
    /// with every topic of the default topic plan; returns once its events topic answers metadata.
    /// </summary>
    public static async Task<StreamWorkerProcess> StartBrokerAsync(int kafkaPort, int brokers, int partitions)
    {
        var port = FreePort.Next();
        var broker = Start(
            new Dictionary<string, string>
            {
                ["Role"] = "broker",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Kafka__Embedded__Port"] = kafkaPort.ToString(CultureInfo.InvariantCulture),
                ["Kafka__Embedded__Brokers"] = brokers.ToString(CultureInfo.InvariantCulture),
                ["Topics__Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
            },
            port,
            stateDirectory: null,
            keptLines: 200);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (broker.HasExited) throw new InvalidOperationException($"the broker exited with code {broker.ExitCode}:\n{broker.Output}");
            try
            {
                using var admin = new Confluent.Kafka.AdminClientBuilder(new Confluent.Kafka.AdminClientConfig { BootstrapServers = $"127.0.0.1:{kafkaPort}" }).Build();
                var topic = admin.GetMetadata(TopicNames.Events, TimeSpan.FromSeconds(2)).Topics.FirstOrDefault();
                if (topic is { Error.IsError: false } && topic.Partitions.Count == partitions) return broker;
            }
            catch (Confluent.Kafka.KafkaException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        broker.Dispose();
        throw new TimeoutException("the embedded broker did not start within 60 s");
    }

    /// <summary>Role processor with the given environment (docs/configuration.md keys); does not wait for readiness.</summary>
    public static StreamWorkerProcess StartProcessor(IReadOnlyDictionary<string, string> environment, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var port = FreePort.Next();
        var all = new Dictionary<string, string>(environment) { ["Role"] = "processor", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}", ["Processor__StateDirectory"] = stateDirectory };
        return Start(all, port, stateDirectory, keptLines: 300);
    }

    /// <summary>Role processor for one run; does not wait for readiness (the tests time that themselves).</summary>
    public static StreamWorkerProcess StartProcessor(ProcessorRunSettings run, string bootstrapServers, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        var port = FreePort.Next();
        return Start(run.Environment(bootstrapServers, port, stateDirectory), port, stateDirectory, keptLines: 200);
    }

    private static StreamWorkerProcess Start(IReadOnlyDictionary<string, string> environment, int httpPort, string? stateDirectory, int keptLines)
    {
        var start = new ProcessStartInfo(DotnetHost(), [StreamWorkerDll()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new StreamWorkerProcess(process, httpPort, stateDirectory, keptLines);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The test project references StreamWorker, so its dll, deps and runtimeconfig sit next to the tests.</summary>
    private static string StreamWorkerDll()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "StreamWorker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("StreamWorker.dll is not in the test output folder", path);
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }
}
