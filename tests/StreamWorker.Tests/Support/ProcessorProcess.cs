using System.Diagnostics;
using System.Net;

namespace StreamWorker.Tests.Support;

/// <summary>
/// The processor as a real child process (<c>dotnet StreamWorker.dll</c> from the test output folder, role
/// <c>processor</c>), so it can be killed with SIGKILL or stopped with SIGTERM like in production.
/// Disposing kills it if it still runs: no test leaves a child process behind.
/// </summary>
public sealed class ProcessorProcess : IDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly HttpClient _http;
    private readonly string _stateDirectory;
    private int _runningTransitions;

    private ProcessorProcess(Process process, int httpPort, string stateDirectory)
    {
        _process = process;
        _stateDirectory = stateDirectory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(2) };
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once the process has exited (0 after a clean SIGTERM shutdown).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>How often the process logged that its stream became RUNNING (after start and after each rebalance).</summary>
    public int RunningTransitions => Volatile.Read(ref _runningTransitions);

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static ProcessorProcess Start(ProcessorRunSettings run, string bootstrapServers, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(run);
        var httpPort = FreePort.Next();
        var start = new ProcessStartInfo(DotnetHost(), [StreamWorkerDll()])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in run.Environment(bootstrapServers, httpPort, stateDirectory))
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ProcessorProcess(process, httpPort, stateDirectory);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200 (stream threads RUNNING); returns how long that took.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"processor exited with code {_process.ExitCode}:\n{RecentOutput}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return watch.Elapsed;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // A slow start on loaded cores; ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"processor not ready within {timeout}:\n{RecentOutput}");
    }

    /// <summary>The status <c>/readyz</c> answers now, or null when nothing answers (not listening, or gone).</summary>
    public async Task<HttpStatusCode?> ReadinessAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("/readyz", UriKind.Relative));
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

    /// <summary>Waits for the process to exit by itself; false when it is still running after <paramref name="timeout"/>.</summary>
    public Task<bool> WaitForExitAsync(TimeSpan timeout) => Task.Run(() => _process.WaitForExit((int)timeout.TotalMilliseconds));

    /// <summary>Events this process has read so far (<c>streamworker.processor.events</c> from its <c>/metrics</c>).</summary>
    public async Task<long> EventsReadAsync()
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(line => line.StartsWith("streamworker_processor_events_total", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>SIGKILL: no commit, no flush, no close, exactly like <c>kill -9</c>.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM (<c>kill -TERM</c>): the processor commits and closes its stream threads; waits for it to exit.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            kill?.WaitForExit(5_000);
        }

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

        _http.Dispose();
        _process.Dispose();
        try
        {
            if (Directory.Exists(_stateDirectory)) Directory.Delete(_stateDirectory, recursive: true);
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
                File.AppendAllText(Path.Combine(directory, $"processor-{_process.Id}.log"), line + "\n");
            }

            _lines.Enqueue(line);
            while (_lines.Count > KeptLines) _lines.Dequeue();
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
