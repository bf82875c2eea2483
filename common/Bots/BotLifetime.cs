using Microsoft.Extensions.Logging;
using MoneyBot.Common.Notify;

namespace MoneyBot.Common.Bots;

/// <summary>
/// A live bot's run: started once (<see cref="Start"/>), stopped on request with the first reason
/// winning (<see cref="Request"/>, thread-safe), stopped too when the supervisor dies
/// (<see cref="WatchParent"/>), and awaited with a bound on dispose (<see cref="StopAndWaitAsync"/>).
/// </summary>
public sealed partial class BotLifetime : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private string? _reason;
    private Task<int>? _run;
    private int _started;

    /// <summary>Cancelled once a stop is asked.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Why the bot stops; null until asked.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Asks for the stop; later reasons are ignored.</summary>
    public void Request(string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        if (Interlocked.CompareExchange(ref _reason, why, null) is null)
        {
            _stop.Cancel();
        }
    }

    /// <summary>
    /// Starts <paramref name="runner"/> (the bot's whole run; it returns the exit code); a second call throws.
    /// </summary>
    public Task<int> Start(Func<Task<int>> runner, string botName)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"This bot already ran; create another {botName} to run again.");
        }

        return _run = runner();
    }

    /// <summary>
    /// Asks for the stop with <paramref name="why"/> and waits, at most <paramref name="bound"/>, for the run to end
    /// (its outcome is its caller's).
    /// </summary>
    public async Task StopAndWaitAsync(string why, TimeSpan bound, TimeProvider time)
    {
        Request(why);
        if (Volatile.Read(ref _run) is { } running)
        {
            await ((Task)running).WaitAsync(bound, time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// When <paramref name="interval"/> is given (supervised), stops the bot once its supervisor is gone; dispose the
    /// watch at the end.
    /// </summary>
    public ParentWatch? WatchParent(TimeSpan? interval, TimeProvider time, ILogger logger)
    {
        if (interval is not { } every)
        {
            return null;
        }

        var watch = new ParentWatch(time, every);
        watch.Orphaned.Register(() =>
        {
            Log.Orphaned(logger);
            Request("the supervisor is gone");
        });
        return watch;
    }

    /// <inheritdoc/>
    public void Dispose() => _stop.Dispose();

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "the supervisor (our parent process) is gone: stopping rather than running unsupervised"
        )]
        public static partial void Orphaned(ILogger logger);
    }
}
