using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace StreamWorker.Tests.Support;

/// <summary>
/// Keeps every log entry in memory, rendered with its message, every structured value, scopes and exception,
/// so a test can search exactly what any log sink would have received. Add it through
/// <see cref="StreamWorkerInstance.StartAsync"/>'s <c>logging</c> callback.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>All entries as one text, one per line.</summary>
    public string Text => string.Join('\n', _entries);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new StringBuilder();
            entry.Append(logLevel).Append(' ').Append(category).Append(": ").Append(formatter(state, exception));
            AppendValues(entry, state);
            owner._scopes.ForEachScope((scope, text) => AppendValues(text.Append(" scope: ").Append(scope), scope), entry);
            if (exception is not null)
            {
                entry.Append(" exception: ").Append(exception);
            }

            owner._entries.Enqueue(entry.ToString());
        }

        private static void AppendValues(StringBuilder entry, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    entry.Append(" | ").Append(key).Append('=').Append(value);
                }
            }
        }
    }
}
