using Microsoft.Extensions.Logging;

namespace MoneyBot.Supervisor.Logging;

/// <summary>One category's logger; everything goes to its <see cref="FileLoggerProvider"/>.</summary>
internal sealed class FileLogger(string category, FileLoggerProvider provider) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => provider.IsEnabled(logLevel);

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter
    )
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!provider.IsEnabled(logLevel))
        {
            return;
        }

        var message = formatter(state, exception);
        if (message.Length > 0 || exception is not null)
        {
            provider.Write(logLevel, category, message, exception);
        }
    }
}
