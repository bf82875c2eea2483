using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MoneyBot.Supervisor.Tests.Telegram;

/// <summary>Keeps every log line (level, formatted message, structured values, exception text) for assertions.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    /// <summary>All lines, one per line.</summary>
    public string Text => string.Join('\n', lines);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? " {" + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) + "}"
            : string.Empty;
        var error = exception is null ? string.Empty : "\n" + exception;
        lines.Enqueue($"{logLevel}: {formatter(state, exception)}{values}{error}");
    }
}
