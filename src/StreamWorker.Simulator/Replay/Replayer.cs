using System.Net;
using System.Text;
using System.Threading.Channels;
using Polly;
using Polly.Retry;
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
    private readonly ResiliencePipeline<Attempt> _retries;

    public Replayer(ReplayOptions options, ReplayStats stats, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _stats = stats;
        _time = time;
        _client = new WebhookHttpClient(options.Url, options.Token, options.Concurrency);
        _retries = options.MaxAttempts <= 1
            ? ResiliencePipeline<Attempt>.Empty
            : new ResiliencePipelineBuilder<Attempt> { TimeProvider = time }
                .AddRetry(new RetryStrategyOptions<Attempt>
                {
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } attempt && IsRetryable(attempt.Status)),
                    MaxRetryAttempts = options.MaxAttempts - 1,
                    // Without Retry-After: exponential backoff from 100 ms with jitter, so that senders do not retry in lockstep.
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(100),
                    MaxDelay = options.MaxRetryWait,
                    DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter is { } asked ? Clamp(asked) : (TimeSpan?)null),
                    OnRetry = _ =>
                    {
                        _stats.CountRetry();
                        return ValueTask.CompletedTask;
                    },
                })
                .Build();
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
        var status = (await _retries.ExecuteAsync(static (state, token) => state.Replayer.PostOnceAsync(state.Body, token), (Replayer: this, Body: body), cancellationToken)
            .ConfigureAwait(false)).Status;
        if (status is >= 200 and < 300)
        {
            _stats.CountDelivered();
            if (!delivery.ExpectsAcceptance)
            {
                _stats.CountUnexpectedAcceptance();
            }
        }
        else if (status is >= 400 and < 500 && !IsRetryable(status) && !delivery.ExpectsAcceptance)
        {
            // A refusal is the right outcome for a deliberately invalid request.
            _stats.CountDelivered();
        }
        else
        {
            // Anything else (retries exhausted, or a refusal of a valid request) is a loss.
            _stats.CountFailed();
        }
    }

    /// <summary>One POST, bounded by the request timeout; a connection error or timeout is an attempt without a status.</summary>
    private async ValueTask<Attempt> PostOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        _stats.CountAttempt();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _client.PostAsync(body, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            _stats.CountStatus(status);
            return new Attempt(status, RetryAfter(response));
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _stats.CountConnectionError();
            return new Attempt(null, null);
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

    private TimeSpan Clamp(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait > _options.MaxRetryWait ? _options.MaxRetryWait : wait;

    public void Dispose() => _client.Dispose();

    /// <summary>What one POST got: its status (null: no answer) and the Retry-After it asked for.</summary>
    private sealed record Attempt(int? Status, TimeSpan? RetryAfter);
}
