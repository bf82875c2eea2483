using Microsoft.Extensions.Logging;

namespace MoneyBot.TestSupport;

/// <summary>
/// The one capturing logger of the tests: keeps every entry, unmasked, so a test can check what the code itself
/// writes, and wait for a line to appear. <see cref="Provider"/> routes every category of a logger factory here.
/// </summary>
public sealed class CapturingLogger : ILogger
{
    /// <summary>How long <see cref="WaitForAsync"/> waits unless told.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];
    private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates an empty log.</summary>
    public CapturingLogger() => Provider = new CategoryProvider(this);

    /// <summary>A logger provider whose loggers, of every category, write here.</summary>
    public ILoggerProvider Provider { get; }

    /// <summary>
    /// Every entry as <c>Level: message</c>, plus <c> [ExceptionType: message]</c> when one was logged.
    /// </summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Select(e => e.Line)];
            }
        }
    }

    /// <summary>
    /// Everything that was logged, an entry a line: level, category, message, the structured values and the whole
    /// exception text (for checks that a secret appears nowhere).
    /// </summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return string.Join('\n', _entries.Select(e => e.Full));
            }
        }
    }

    /// <summary>A typed logger that writes here.</summary>
    public ILogger<T> For<T>() => new Typed<T>(this);

    /// <inheritdoc/>
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc/>
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc/>
    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter
    ) => Record(string.Empty, logLevel, state, exception, formatter);

    /// <summary>
    /// Waits until <paramref name="count"/> lines contain <paramref name="text"/>; returns the first of them.
    /// </summary>
    public async Task<string> WaitForAsync(string text, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task wait;
            List<string> matching;
            lock (_lock)
            {
                matching = [.. _entries.Select(e => e.Line).Where(l => l.Contains(text, StringComparison.Ordinal))];
                wait = _logged.Task;
            }

            if (matching.Count >= count)
            {
                return matching[0];
            }

            try
            {
                await wait.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no {count} log line(s) with '{text}'; the log:\n{Text}");
            }
        }
    }

    private void Record<TState>(
        string category,
        LogLevel level,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter
    )
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        var line = $"{level}: {message}";
        if (exception is not null)
        {
            line += $" [{exception.GetType().Name}: {exception.Message}]";
        }

        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? " {" + string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) + "}"
            : string.Empty;
        var full = $"{level} {category}: {message}{values}" + (exception is null ? string.Empty : "\n" + exception);
        TaskCompletionSource done;
        lock (_lock)
        {
            _entries.Add(new Entry(line, full));
            done = _logged;
            _logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    private sealed record Entry(string Line, string Full);

    private sealed class CategoryProvider(CapturingLogger owner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Categorised(owner, categoryName);

        public void Dispose() { }
    }

    private class Categorised(CapturingLogger owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        ) => owner.Record(category, logLevel, state, exception, formatter);
    }

    private sealed class Typed<T>(CapturingLogger owner)
        : Categorised(owner, typeof(T).FullName ?? typeof(T).Name),
            ILogger<T>;
}
