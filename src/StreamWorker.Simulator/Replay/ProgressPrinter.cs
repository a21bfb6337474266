using System.Globalization;

namespace StreamWorker.Simulator.Replay;

/// <summary>Prints a replay's counters once a second while it runs, and a summary at the end.</summary>
internal static class ProgressPrinter
{
    public static async Task PrintEverySecondAsync(ReplayStats stats, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var previous = stats.Snapshot();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = stats.Snapshot();
                await output.WriteLineAsync(Line(now, now.Completed - previous.Completed, time.GetElapsedTime(started))).ConfigureAwait(false);
                previous = now;
            }
        }
        catch (OperationCanceledException)
        {
            // The replay finished or the user stopped it.
        }
    }

    public static string Line(ReplaySnapshot s, double perSecond, TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"[{elapsed.TotalSeconds,6:F0}s] sent={s.Attempts} 2xx={s.Status2xx} 4xx={s.Status4xx} 5xx={s.Status5xx} conn_errors={s.ConnectionErrors} retries={s.Retries} failed={s.Failed} rate={perSecond:F0}/s");

    public static string Summary(ReplaySnapshot s, TimeSpan elapsed)
    {
        var perSecond = elapsed.TotalSeconds > 0 ? s.Completed / elapsed.TotalSeconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"done in {elapsed.TotalSeconds:F1}s: {s.Completed} deliveries, {s.Delivered} as expected, {s.Failed} failed; {s.Attempts} requests (2xx={s.Status2xx} 4xx={s.Status4xx} 5xx={s.Status5xx} conn_errors={s.ConnectionErrors} retries={s.Retries}); {perSecond:F0} deliveries/s");
        return s.UnexpectedAcceptances > 0
            ? text + string.Create(CultureInfo.InvariantCulture, $"; {s.UnexpectedAcceptances} invalid requests were accepted")
            : text;
    }
}
