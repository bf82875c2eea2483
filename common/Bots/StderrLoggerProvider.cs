using Microsoft.Extensions.Logging;

namespace MoneyBot.Common.Bots;

/// <summary>
/// One line per log entry on stderr (the supervisor captures it into the bot's log file and adds
/// the timestamps): <c>INFO  LiveBot: text</c>. Lines are written whole, from any thread.
/// </summary>
/// <param name="writer">Where the lines go (stderr).</param>
/// <param name="minimum">Lower levels are dropped.</param>
public sealed class StderrLoggerProvider(TextWriter writer, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();

    /// <inheritdoc/>
    public ILogger CreateLogger(string categoryName)
    {
        ArgumentNullException.ThrowIfNull(categoryName);
        return new Logger(this, categoryName[(categoryName.LastIndexOf('.') + 1)..], minimum);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            writer.Flush();
        }
    }

    private static string Name(LogLevel level) =>
        level switch
        {
            LogLevel.Trace => "TRACE",
            LogLevel.Debug => "DEBUG",
            LogLevel.Information => "INFO",
            LogLevel.Warning => "WARN",
            LogLevel.Error => "ERROR",
            _ => "FATAL",
        };

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{Name(level), -5} {category}: {message}";
        lock (_gate)
        {
            writer.WriteLine(line);
            if (exception is not null)
            {
                writer.WriteLine(exception.ToString());
            }

            writer.Flush();
        }
    }

    private sealed class Logger(StderrLoggerProvider provider, string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
