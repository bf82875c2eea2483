using Microsoft.Extensions.Logging;

namespace MoneyBot.Bots.Tests.MarketData;

/// <summary>An <see cref="ILogger"/> that keeps every line ("Warning: text"), and lets a test wait for one.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly Lock gate = new();
    private readonly List<string> lines = [];
    private TaskCompletionSource logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var line = $"{logLevel}: {formatter(state, exception)}" + (exception is null ? string.Empty : $" [{exception.GetType().Name}: {exception.Message}]");
        TaskCompletionSource done;
        lock (gate)
        {
            lines.Add(line);
            done = logged;
            logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    /// <summary>Waits until <paramref name="count"/> lines contain <paramref name="text"/>; returns the first of them.</summary>
    public async Task<string> WaitForAsync(string text, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Collector.DefaultTimeout);
        while (true)
        {
            Task wait;
            List<string> matching;
            lock (gate)
            {
                matching = lines.Where(l => l.Contains(text, StringComparison.Ordinal)).ToList();
                wait = logged.Task;
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
                throw new TimeoutException($"no {count} log line(s) with '{text}'; the log:\n{string.Join('\n', Lines)}");
            }
        }
    }
}
