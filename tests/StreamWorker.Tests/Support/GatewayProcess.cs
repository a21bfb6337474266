using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using StreamWorker.Tests.Support;

namespace StreamWorker.Tests.Support;

/// <summary>
/// The real executable (<c>dotnet StreamWorker.dll</c>, role gateway) as a child process on a free 127.0.0.1 port,
/// pointed at a Kafka the test owns, so that it gets a real SIGTERM and exits as it would in a container.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    public static async Task<GatewayProcess> StartAsync(string bootstrapServers, IDictionary<string, string> settings)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "StreamWorker.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Role"] = "gateway";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Kafka__BootstrapServers"] = bootstrapServers;
        start.Environment["Gateway__SigningTokens__0"] = StreamWorkerInstance.Token;
        start.Environment["Privacy__HashKey"] = "reliability-test-hash-key-0123456789";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var gateway = new GatewayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => gateway.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => gateway.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await gateway.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        return gateway;
    }

    /// <summary>What a container runtime sends on stop.</summary>
    public void SendSigterm()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit(5000);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM failed with exit code {kill.ExitCode}; the gateway has exited: {_process.HasExited}; output:\n{Output}");
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

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"StreamWorker exited with {_process.ExitCode} at start:\n{Output}");
            }

            try
            {
                using var ready = await Http.GetAsync("/readyz");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"StreamWorker was not ready within {timeout}:\n{Output}");
    }
}
