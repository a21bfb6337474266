using System.Diagnostics;
using System.Globalization;
using System.Net;
using StreamWorker.Events;

namespace StreamWorker.Tests.Support;

/// <summary>
/// The real executable (<c>dotnet StreamWorker.dll</c> from the test output folder) as a child process on a free
/// 127.0.0.1 port, in any role, so that it can be killed with SIGKILL or stopped with SIGTERM exactly as in a
/// container. Disposing kills it if it still runs: no test leaves a child process behind.
/// </summary>
public sealed class StreamWorkerProcess : IDisposable
{
    /// <summary>The hash key the child processes use for personal data (the gateway refuses to start without one).</summary>
    public const string HashKey = "reliability-test-hash-key-0123456789";

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly int _keptLines;
    private readonly HttpClient _probe;
    private readonly string? _stateDirectory;
    private int _runningTransitions;

    private StreamWorkerProcess(Process process, int httpPort, string? stateDirectory, int keptLines)
    {
        _process = process;
        _stateDirectory = stateDirectory;
        _keptLines = keptLines;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // Health and metrics probes: a short timeout, so a stalled process reads as "not answering", not as a hang.
        _probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client for the process's HTTP port (webhooks, health, metrics).</summary>
    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited (0 after a clean SIGTERM shutdown).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>How often the process logged that its stream became RUNNING (after start and after each rebalance).</summary>
    public int RunningTransitions => Volatile.Read(ref _runningTransitions);

    /// <summary>What the process wrote to stdout and stderr (its last lines, when the process keeps only those).</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

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

    /// <summary>Waits until <c>/readyz</c> answers 200; returns how long that took.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"StreamWorker exited with code {_process.ExitCode}:\n{Output}");
            }

            if (await ReadinessAsync() == HttpStatusCode.OK)
            {
                return watch.Elapsed;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"StreamWorker was not ready within {timeout}:\n{Output}");
    }

    /// <summary>The status <c>/readyz</c> answers now, or null when nothing answers (not listening yet, slow, or gone).</summary>
    public async Task<HttpStatusCode?> ReadinessAsync()
    {
        try
        {
            using var response = await _probe.GetAsync(new Uri("/readyz", UriKind.Relative));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The exit code, or null if the process has not exited within <paramref name="timeout"/>.</summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Events this process has read so far (<c>streamworker.processor.events</c> from its <c>/metrics</c>).</summary>
    public async Task<long> EventsReadAsync()
    {
        var text = await _probe.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(line => line.StartsWith("streamworker_processor_events_total", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>SIGKILL: no commit, no flush, no close, exactly like <c>kill -9</c>.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM (<c>kill -TERM</c>), what a container runtime sends on stop; does not wait for the exit.</summary>
    public void SendSigterm()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit(5_000);
        if (kill.ExitCode != 0 && !_process.HasExited)
        {
            throw new InvalidOperationException($"kill -TERM failed with exit code {kill.ExitCode}; output:\n{Output}");
        }
    }

    /// <summary>SIGTERM, then waits for the exit; false when the process still runs after <paramref name="timeout"/>.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        SendSigterm();
        return _process.WaitForExit((int)timeout.TotalMilliseconds);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        Http.Dispose();
        _probe.Dispose();
        _process.Dispose();
        try
        {
            if (_stateDirectory is not null && Directory.Exists(_stateDirectory)) Directory.Delete(_stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind harms nothing.
        }
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

    private void Keep(string? line)
    {
        if (line is null) return;
        if (line.Contains("Processor stream state RUNNING", StringComparison.Ordinal)) Interlocked.Increment(ref _runningTransitions);
        lock (_lines)
        {
            if (Environment.GetEnvironmentVariable("RELIABILITY_CHILD_LOG_DIR") is { Length: > 0 } directory)
            {
                File.AppendAllText(Path.Combine(directory, $"streamworker-{_process.Id}.log"), line + "\n");
            }

            _lines.Enqueue(line);
            while (_lines.Count > _keptLines) _lines.Dequeue();
        }
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
