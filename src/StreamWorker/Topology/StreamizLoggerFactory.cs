namespace StreamWorker.Topology;

/// <summary>
/// The logger factory handed to Streamiz. Streamiz keeps the factory of the last stream it configured in a
/// static field and asks it for loggers whenever a topology or configuration is built; handing it the host's
/// factory directly would make every later Streamiz object throw once that host is disposed (a restarted host
/// in the same process, tests). This wrapper forwards while the host lives and falls back to no logging after.
/// It also watches for the one sign Streamiz gives of a stream thread fenced out of its consumer group (it logs the
/// <c>TaskMigratedException</c> it caught, an internal type matched by name, then drops its tasks and rejoins): <paramref name="onFenced"/>.
/// Once the processor is stopping on a failure (<paramref name="failed"/>), Streamiz's errors after the first few are
/// dropped: a producer that stops purges every record it held (a commit's worth of changelog records), and Streamiz logs
/// each, which would bury the one line that names the cause.
/// </summary>
internal sealed class StreamizLoggerFactory(ILoggerFactory inner, Action? onFenced = null, Func<bool>? failed = null) : ILoggerFactory
{
    /// <summary>Errors Streamiz may still log once the processor is stopping on a failure.</summary>
    public const int ErrorsAfterFailure = 5;

    private int errorsAfterFailure;

    private void Fenced() => onFenced?.Invoke();

    public ILogger CreateLogger(string categoryName)
    {
        ILogger logger;
        try
        {
            logger = inner.CreateLogger(categoryName);
        }
        catch (ObjectDisposedException)
        {
            logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        return onFenced is null && failed is null ? logger : new WatchingLogger(this, logger);
    }

    public void AddProvider(ILoggerProvider provider)
    {
        // Providers belong to the host's factory; Streamiz never adds any.
    }

    public void Dispose()
    {
        // The host owns and disposes the inner factory.
    }

    /// <summary>True when a log line of <paramref name="level"/> may be written.</summary>
    private bool Keeps(LogLevel level) =>
        level < LogLevel.Error || failed is null || !failed() || Interlocked.Increment(ref errorsAfterFailure) <= ErrorsAfterFailure;

    private sealed class WatchingLogger(StreamizLoggerFactory factory, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception?.GetType().FullName == "Streamiz.Kafka.Net.Errors.TaskMigratedException") factory.Fenced();
            if (factory.Keeps(logLevel)) inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
