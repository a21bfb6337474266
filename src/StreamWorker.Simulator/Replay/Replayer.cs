using System.Net;
using System.Text;
using System.Threading.Channels;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Replay;

/// <summary>
/// Sends deliveries to a gateway with bounded concurrency, paced by rate or by their send offsets,
/// retrying 429/502/503/504 answers and connection errors with backoff that honours Retry-After.
/// </summary>
internal sealed class Replayer : IDisposable
{
    private readonly ReplayOptions _options;
    private readonly ReplayStats _stats;
    private readonly TimeProvider _time;
    private readonly WebhookHttpClient _client;

    public Replayer(ReplayOptions options, ReplayStats stats, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _stats = stats;
        _time = time;
        _client = new WebhookHttpClient(options.Url, options.Token, options.Concurrency);
    }

    public async Task RunAsync(IEnumerable<Delivery> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var channel = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(_options.Concurrency * 2)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var workers = Enumerable.Range(0, _options.Concurrency)
            .Select(_ => Task.Run(() => WorkAsync(channel.Reader, cancellationToken), cancellationToken))
            .ToArray();
        try
        {
            await DispatchAsync(deliveries, channel.Writer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            channel.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(IEnumerable<Delivery> deliveries, ChannelWriter<Delivery> writer, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        long index = 0;
        foreach (var delivery in deliveries)
        {
            var dueMs = _options.Pacing switch
            {
                ReplayPacing.RealTime => delivery.SendOffsetMs,
                _ when _options.Rate > 0 => index * 1000.0 / _options.Rate,
                _ => 0.0,
            };
            var waitMs = dueMs - _time.GetElapsedTime(started).TotalMilliseconds;
            if (waitMs >= 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(waitMs), _time, cancellationToken).ConfigureAwait(false);
            }

            await writer.WriteAsync(delivery, cancellationToken).ConfigureAwait(false);
            index++;
        }
    }

    private async Task WorkAsync(ChannelReader<Delivery> reader, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var delivery in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await SendAsync(delivery, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: deliveries not yet sent are simply not sent.
        }
    }

    private async Task SendAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        for (var attempt = 1; ; attempt++)
        {
            _stats.CountAttempt();
            int? status = null;
            TimeSpan? retryAfter = null;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.RequestTimeout);
                try
                {
                    using var response = await _client.PostAsync(body, timeout.Token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                    retryAfter = RetryAfter(response);
                    _stats.CountStatus(status.Value);
                }
                catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    _stats.CountConnectionError();
                }
            }

            if (status is >= 200 and < 300)
            {
                _stats.CountDelivered();
                if (!delivery.ExpectsAcceptance)
                {
                    _stats.CountUnexpectedAcceptance();
                }

                return;
            }

            if (!IsRetryable(status) || attempt >= _options.MaxAttempts)
            {
                // A refusal is the right outcome for a deliberately invalid request; anything else is a loss.
                if (status is >= 400 and < 500 && !delivery.ExpectsAcceptance)
                {
                    _stats.CountDelivered();
                }
                else
                {
                    _stats.CountFailed();
                }

                return;
            }

            _stats.CountRetry();
            await Task.Delay(RetryWait(attempt, retryAfter), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(int? status) =>
        status is null or (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.BadGateway
            or (int)HttpStatusCode.ServiceUnavailable or (int)HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _time.GetUtcNow() : null;
    }

    private TimeSpan RetryWait(int attempt, TimeSpan? retryAfter)
    {
        // Without Retry-After: exponential backoff from 100 ms with jitter, so that senders do not retry in lockstep.
        var wait = retryAfter ?? TimeSpan.FromMilliseconds((100 << Math.Min(attempt - 1, 6)) * (0.75 + (Random.Shared.NextDouble() / 2)));
        if (wait < TimeSpan.Zero)
        {
            wait = TimeSpan.Zero;
        }

        return wait > _options.MaxRetryWait ? _options.MaxRetryWait : wait;
    }

    public void Dispose() => _client.Dispose();
}
