using System.Diagnostics;
using StreamWorker.Simulator.Replay;

namespace StreamWorker.Simulator.Load;

/// <summary>
/// Measures an endpoint's throughput and latency. Closed loop: each worker sends its next request when the
/// previous one is answered. Fixed rate: requests are due at a constant rate and latency is measured from when
/// each was due, so a stalled server shows up in the percentiles instead of slowing the sender (no coordinated omission).
/// </summary>
internal sealed class LoadGenerator(LoadOptions options, TimeProvider time, FreshnessProbe? freshness = null)
{
    private readonly LatencyRecorder _latencies = new();
    private readonly LoadBodies _bodies = new(time);
    private long _ok;
    private long _non2xx;
    private long _errors;
    private long _answered;

    /// <summary>Requests answered so far, warm-up included: for progress output while the run lasts.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        using var client = new WebhookHttpClient(options.Url, options.Token, options.Concurrency);
        var started = Stopwatch.GetTimestamp();
        var measureFrom = started + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);

        if (options.Rate is { } rate)
        {
            await RunFixedRateAsync(client, rate, started, measureFrom, stopAt, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var workers = Enumerable.Range(0, options.Concurrency)
                .Select(_ => Task.Run(() => RunClosedLoopWorkerAsync(client, measureFrom, stopAt, cancellationToken), cancellationToken));
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        var measuredSeconds = Math.Max(1e-9, (Math.Min(Stopwatch.GetTimestamp(), stopAt) - measureFrom) / (double)Stopwatch.Frequency);
        var percentiles = _latencies.PercentilesMs(0.5, 0.99, 0.999, 1.0);
        var requests = Interlocked.Read(ref _ok) + Interlocked.Read(ref _non2xx) + Interlocked.Read(ref _errors);
        var fresh = freshness is null ? null : await FreshnessAsync(freshness, cancellationToken).ConfigureAwait(false);
        return new LoadResult(
            options.Url.ToString(),
            options.Rate is null ? "closed" : "fixed_rate",
            options.Concurrency,
            options.Rate,
            Math.Round(measuredSeconds, 3),
            requests,
            Interlocked.Read(ref _ok),
            Interlocked.Read(ref _non2xx),
            Interlocked.Read(ref _errors),
            Math.Round(Interlocked.Read(ref _ok) / measuredSeconds, 1),
            Math.Round(percentiles[0], 3),
            Math.Round(percentiles[1], 3),
            Math.Round(percentiles[2], 3),
            Math.Round(percentiles[3], 3),
            fresh?.P50Ms,
            fresh?.P99Ms,
            fresh?.Measured,
            fresh?.Counted);
    }

    /// <summary>Waits until every measured join is counted by an output record, or none was for 10 s.</summary>
    private static async Task<FreshnessFigures> FreshnessAsync(FreshnessProbe probe, CancellationToken cancellationToken)
    {
        while (probe.Progress.Reflected < probe.Progress.Measured && probe.SinceLastReflected < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        var (measured, counted) = probe.Progress;
        var percentiles = probe.Latencies.PercentilesMs(0.5, 0.99);
        return new FreshnessFigures(Math.Round(percentiles[0], 3), Math.Round(percentiles[1], 3), measured, counted);
    }

    private sealed record FreshnessFigures(double P50Ms, double P99Ms, long Measured, long Counted);

    private async Task RunClosedLoopWorkerAsync(WebhookHttpClient client, long measureFrom, long stopAt, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var sentAt = Stopwatch.GetTimestamp();
            if (sentAt >= stopAt)
            {
                return;
            }

            await SendAndRecordAsync(client, sentAt, measureFrom, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunFixedRateAsync(WebhookHttpClient client, double rate, long started, long measureFrom, long stopAt, CancellationToken cancellationToken)
    {
        // Bounds the requests in flight so that an overloaded server cannot make the generator itself run out of memory.
        using var inFlight = new SemaphoreSlim(Math.Max(options.Concurrency, 1) * 8);
        var pending = new List<Task>();
        var interval = Stopwatch.Frequency / rate;
        for (long i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            var dueAt = started + (long)(i * interval);
            if (dueAt >= stopAt)
            {
                break;
            }

            var waitMs = (dueAt - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (waitMs >= 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken).ConfigureAwait(false);
            }

            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            pending.Add(SendReleasingAsync(client, dueAt, measureFrom, inFlight, cancellationToken));
            if (pending.Count >= 4096)
            {
                pending.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async Task SendReleasingAsync(WebhookHttpClient client, long dueAt, long measureFrom, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            await SendAndRecordAsync(client, dueAt, measureFrom, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task SendAndRecordAsync(WebhookHttpClient client, long measuredFrom, long measureFrom, CancellationToken cancellationToken)
    {
        var body = _bodies.Next(out var conference);
        try
        {
            using var response = await client.PostAsync(body, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _answered);
            var ok = (int)response.StatusCode is >= 200 and < 300;
            if (ok) freshness?.Acknowledged(conference, Stopwatch.GetTimestamp(), measured: measuredFrom >= measureFrom);
            if (measuredFrom >= measureFrom)
            {
                Interlocked.Increment(ref ok ? ref _ok : ref _non2xx);
                _latencies.Record(Stopwatch.GetTimestamp() - measuredFrom);
            }
        }
        catch (HttpRequestException)
        {
            if (measuredFrom >= measureFrom)
            {
                Interlocked.Increment(ref _errors);
            }
        }
    }
}
