using Confluent.Kafka;
using StreamWorker.Simulator.Kafka;

namespace StreamWorker.Simulator.Watch;

/// <summary>
/// Reads the analytics topics from the beginning into an <see cref="AnalyticsView"/>, with a fresh consumer
/// group each time (the view is rebuilt from the topics) and no commits.
/// </summary>
internal sealed class AnalyticsConsumer(string bootstrapServers, AnalyticsView view)
{
    private long _errors;

    public long Errors => Interlocked.Read(ref _errors);

    public string? LastError { get; private set; }

    /// <summary>Runs on its own thread until cancelled: Consume blocks, which would starve the thread pool.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken cancellationToken)
    {
        var config = WatchingConsumerConfig.Create(bootstrapServers, "streamworker-watch");
        config.TopicMetadataRefreshIntervalMs = 5_000;
        using var consumer = new ConsumerBuilder<string, string>(config)
            .SetErrorHandler((_, error) => NoteError(error.Reason))
            .SetLogHandler((_, _) => { }) // librdkafka's own log lines would tear the live table
            .Build();
        consumer.Subscribe(view.Layouts.Select(l => l.Topic));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    var result = consumer.Consume(TimeSpan.FromMilliseconds(250));
                    if (result?.Message is { } message)
                    {
                        view.Apply(result.Topic, message.Key ?? "", message.Value ?? "");
                    }
                }
                catch (ConsumeException e)
                {
                    NoteError(e.Error.Reason);
                    Thread.Sleep(250);
                }
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private void NoteError(string reason)
    {
        Interlocked.Increment(ref _errors);
        LastError = reason;
    }
}
