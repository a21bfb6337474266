using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace StreamWorker.Deploy.Tests.Support;

/// <summary>
/// A real Prometheus (Debian package prometheus) on 127.0.0.1, scraping the
/// given targets every second, with a throw-away data directory. Queries go
/// through its HTTP API, as Grafana's would.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly string _directory;
    private readonly Process _process;
    private readonly HttpClient _http;

    private PrometheusServer(string directory, Process process, Uri baseAddress)
    {
        _directory = directory;
        _process = process;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static string? FindBinary() => ExternalTool.FindOnPath("prometheus");

    /// <param name="targets">host:port of each /metrics endpoint, by job name.</param>
    public static PrometheusServer Start(string binary, IReadOnlyDictionary<string, string> targets)
    {
        var directory = Directory.CreateTempSubdirectory("streamworker-prometheus-").FullName;
        var config = "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
            + string.Concat(targets.Select(target =>
                $"  - job_name: {target.Key}\n    metrics_path: /metrics\n    static_configs:\n      - targets: [\"{target.Value}\"]\n"));
        var configFile = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(configFile, config);
        var port = FreePort.Next();

        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--config.file={configFile}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        // Prometheus logs to stderr; drain both streams so it never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(directory, process, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits until every target has been scraped at least <paramref name="samples"/> times.</summary>
    public async Task WaitForScrapesAsync(int targets, int samples, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 200 && deadline.Elapsed < timeout; attempt++)
        {
            try
            {
                var result = await QueryAsync("count_over_time(up[1m]) >= " + samples.ToString(CultureInfo.InvariantCulture));
                if (result.Count >= targets)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        throw new TimeoutException($"Prometheus did not scrape {targets} target(s) {samples} times within {timeout}");
    }

    /// <summary>Evaluates an instant query now; returns its result series.</summary>
    public async Task<JsonArray> QueryAsync(string expression)
    {
        var response = await _http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(expression), UriKind.Relative));

        // While it starts, Prometheus answers 503 "Service Unavailable" in plain text: not ready yet, not a result.
        if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
        {
            throw new HttpRequestException("Prometheus is starting", null, response.StatusCode);
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        if (!response.IsSuccessStatusCode || body?["status"]?.GetValue<string>() != "success")
        {
            throw new InvalidOperationException($"query failed ({(int)response.StatusCode}): {body?["error"]} for {expression}");
        }

        return body["data"]?["result"] as JsonArray ?? [];
    }

    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
