using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace StreamWorker.Tests.Support;

/// <summary>
/// The real executable (<c>dotnet StreamWorker.dll</c> from the test output folder) as a child process on a free
/// 127.0.0.1 port, in any role, so that it can be killed with SIGKILL or stopped with SIGTERM exactly as in a
/// container. Disposing kills it if it still runs: no test leaves a child process behind.
/// </summary>
public sealed partial class StreamWorkerProcess : IDisposable
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
}
