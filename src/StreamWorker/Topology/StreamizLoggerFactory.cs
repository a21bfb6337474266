namespace StreamWorker.Topology;

/// <summary>
/// The logger factory handed to Streamiz. Streamiz keeps the factory of the last stream it configured in a
/// static field and asks it for loggers whenever a topology or configuration is built; handing it the host's
/// factory directly would make every later Streamiz object throw once that host is disposed (a restarted host
/// in the same process, tests). This wrapper forwards while the host lives and falls back to no logging after.
/// It also watches for the one sign Streamiz gives of a stream thread fenced out of its consumer group (it logs the
/// <c>TaskMigratedException</c> it caught, an internal type matched by name, then drops its tasks and rejoins): <paramref name="onFenced"/>.
/// </summary>
internal sealed class StreamizLoggerFactory(ILoggerFactory inner, Action? onFenced = null) : ILoggerFactory
{
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

        return onFenced is null ? logger : new FenceWatchingLogger(logger, onFenced);
    }

    public void AddProvider(ILoggerProvider provider)
    {
        // Providers belong to the host's factory; Streamiz never adds any.
    }

    public void Dispose()
    {
        // The host owns and disposes the inner factory.
    }

    private sealed class FenceWatchingLogger(ILogger inner, Action onFenced) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception?.GetType().FullName == "Streamiz.Kafka.Net.Errors.TaskMigratedException") onFenced();
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
