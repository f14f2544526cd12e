using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pulse.Web.Tests.Access;

/// <summary>
/// Everything a host logs, every level, with its structured values: what a log shipper would see. Scopes are kept
/// apart: Pulse's console logger does not write them (a deployment that turns on IncludeScopes gets ASP.NET's
/// request path in every line, docs/security.md).
/// </summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _scopes = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public IReadOnlyList<string> Scopes => [.. _scopes];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._scopes.Enqueue($"scope {category}: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}
