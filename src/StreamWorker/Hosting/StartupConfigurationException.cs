namespace StreamWorker.Hosting;

/// <summary>
/// A setting that stops the process at start: the process prints the message, which names the key, and exits with
/// <see cref="ExitCode"/>. Raised when a value cannot be read as its type, or when several sections fail validation.
/// </summary>
public sealed class StartupConfigurationException : Exception
{
    /// <summary>The process exit code of a configuration error (3 is a processing failure).</summary>
    public const int ExitCode = 2;

    public StartupConfigurationException()
    {
    }

    public StartupConfigurationException(string message)
        : base(message)
    {
    }

    public StartupConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
