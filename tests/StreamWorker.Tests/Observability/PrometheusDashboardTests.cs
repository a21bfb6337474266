using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamWorker.Tests.Observability;

/// <summary>
/// A real Prometheus server scrapes a running StreamWorker (role all, embedded broker) while traffic flows;
/// then every PromQL expression of every Grafana dashboard must return at least one series.
/// </summary>
[Trait("Layer", "Integration")]
[Trait("Category", "Observability")]
[Collection(ObservabilityGroup.Name)]
public sealed partial class PrometheusDashboardTests
{
    [SkippableFact]
    public async Task EveryDashboardQuery_ReturnsData_AfterTraffic()
    {
        var prometheusBinary = FindOnPath("prometheus");
        Skip.If(prometheusBinary is null, "Debian's prometheus package is not installed (.ci/run installs it)");
        var queries = DashboardQueries().ToList();
        Assert.NotEmpty(queries);

        await using var sw = await StreamWorkerInstance.StartAsync(new Dictionary<string, string?>
        {
            ["Role"] = "all",
            ["Processor:ParticipantsWindow"] = "00:01:00",
        });
        await ObservabilityTraffic.SendAsync(sw);

        var work = Directory.CreateTempSubdirectory("streamworker-prometheus-");
        var port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(work.FullName, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: streamworker
                metrics_path: /metrics
                static_configs:
                  - targets: ["{sw.BaseAddress.Authority}"]
            """);
        using var prometheus = Process.Start(new ProcessStartInfo(prometheusBinary!)
        {
            ArgumentList =
            {
                "--config.file=" + Path.Combine(work.FullName, "prometheus.yml"),
                "--storage.tsdb.path=" + Path.Combine(work.FullName, "data"),
                "--web.listen-address=127.0.0.1:" + port,
            },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginErrorReadLine();
        prometheus.BeginOutputReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var empty = new List<string>();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            var pending = queries;
            while (DateTime.UtcNow < deadline)
            {
                // Keep traffic flowing so rates have at least two samples in their range.
                await ObservabilityTraffic.SendAsync(sw);
                await Task.Delay(2000);
                empty.Clear();
                foreach (var (dashboard, expr) in pending)
                {
                    if (!await HasSeries(http, expr))
                    {
                        empty.Add($"{dashboard}: {expr}");
                    }
                }

                if (empty.Count == 0)
                {
                    break;
                }

                pending = pending.Where(q => empty.Contains($"{q.Dashboard}: {q.Expr}")).ToList();
            }

            Assert.True(empty.Count == 0, "queries without data:\n" + string.Join('\n', empty));
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
            work.Delete(recursive: true);
        }
    }

    private static async Task<bool> HasSeries(HttpClient http, string expr)
    {
        try
        {
            using var response = await http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(expr));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Every target expression of every dashboard, with Grafana's variables replaced by what they mean here.</summary>
    private static IEnumerable<(string Dashboard, string Expr)> DashboardQueries()
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.File("deploy", "grafana", "dashboards"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var expr in Exprs(doc.RootElement))
            {
                yield return (Path.GetFileName(file), Substitute(expr));
            }
        }
    }

    private static IEnumerable<string> Exprs(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "expr" && property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } expr)
                    {
                        yield return expr;
                    }
                    else if (property.Name != "templating")
                    {
                        foreach (var nested in Exprs(property.Value)) yield return nested;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    foreach (var nested in Exprs(item)) yield return nested;
                }

                break;
        }
    }

    private static string Substitute(string expr)
    {
        expr = expr.Replace("$__rate_interval", "30s", StringComparison.Ordinal)
            .Replace("$__interval", "5s", StringComparison.Ordinal)
            .Replace("$__range", "5m", StringComparison.Ordinal);
        return Variable().Replace(expr, ".*");
    }

    [GeneratedRegex(@"\$\{?[A-Za-z_][A-Za-z0-9_]*(:[a-z]+)?\}?")]
    private static partial Regex Variable();

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
