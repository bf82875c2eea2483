using Microsoft.Extensions.Logging;

namespace MoneyBot.Supervisor.Logging;

/// <summary>The foreground daemon's log on stderr (journald adds its own timestamps), secrets masked.</summary>
public sealed class ConsoleLoggerProvider(TextWriter writer, SecretMasker masker) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new ConsoleLogger(this, categoryName);

    public void Dispose() { }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        var line = $"{level.ToString().ToUpperInvariant(), -11} {category}: {masker.Mask(message)}";
        lock (_gate)
        {
            writer.WriteLine(line);
            if (exception is not null)
            {
                writer.WriteLine(masker.Mask(exception.ToString()));
            }

            writer.Flush();
        }
    }

    private sealed class ConsoleLogger(ConsoleLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        )
        {
            if (IsEnabled(logLevel))
            {
                provider.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
