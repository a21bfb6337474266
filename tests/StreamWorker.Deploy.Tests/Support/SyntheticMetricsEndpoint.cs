using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace StreamWorker.Deploy.Tests.Support;

/// <summary>
/// Serves Fixtures/synthetic-metrics.prom on 127.0.0.1/metrics, with every
/// counter and histogram sample multiplied by the number of scrapes so far, so
/// that rate() and increase() see growth like a live StreamWorker.
/// </summary>
internal sealed partial class SyntheticMetricsEndpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _template;
    private readonly Task _serving;
    private int _scrapes;

    public SyntheticMetricsEndpoint()
    {
        _template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "synthetic-metrics.prom"));
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    public static string Render(string template, int scrape) =>
        GrowingSample().Replace(template, match =>
        {
            var value = double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
            return match.Groups["series"].Value + " " + (value * scrape).ToString(CultureInfo.InvariantCulture);
        });

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var body = Encoding.UTF8.GetBytes(Render(_template, Interlocked.Increment(ref _scrapes)));
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    /// <summary>Samples of counters (_total) and histogram parts (_bucket, _count, _sum).</summary>
    [GeneratedRegex(@"^(?<series>[a-z_:][a-z0-9_:]*(_total|_bucket|_count|_sum)(\{[^}]*\})?) (?<value>[0-9.]+)$", RegexOptions.Multiline)]
    private static partial Regex GrowingSample();
}
