namespace StreamWorker.Topology;

/// <summary>
/// The logger factory handed to Streamiz. Streamiz keeps the factory of the last stream it configured in a
/// static field and asks it for loggers whenever a topology or configuration is built; handing it the host's
/// factory directly would make every later Streamiz object throw once that host is disposed (a restarted host
/// in the same process, tests). This wrapper forwards while the host lives and falls back to no logging after.
/// </summary>
internal sealed class StreamizLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName)
    {
        try
        {
            return inner.CreateLogger(categoryName);
        }
        catch (ObjectDisposedException)
        {
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }
    }

    public void AddProvider(ILoggerProvider provider)
    {
        // Providers belong to the host's factory; Streamiz never adds any.
    }

    public void Dispose()
    {
        // The host owns and disposes the inner factory.
    }
}
