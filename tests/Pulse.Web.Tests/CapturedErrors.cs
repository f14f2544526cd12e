using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pulse.Web.Tests;

/// <summary>
/// The errors an in-process host logged, for a failing assertion to show: a 500 from the API says
/// nothing by itself, and the host's console is not part of the test's output.
/// </summary>
public sealed class CapturedErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> All => [.. _errors];

    public override string ToString() => _errors.IsEmpty ? "(the host logged no errors)" : string.Join(Environment.NewLine, _errors);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedErrors owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
            }
        }
    }
}
