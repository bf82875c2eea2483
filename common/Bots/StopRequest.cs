using Microsoft.Extensions.Logging;
using MoneyBot.Common.Notify;

namespace MoneyBot.Common.Bots;

/// <summary>
/// A bot's "please stop": the first reason wins and cancels <see cref="Token"/>; thread-safe. Also
/// turns the death of the supervisor into a stop (<see cref="WatchParent"/>).
/// </summary>
public sealed partial class StopRequest : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private string? reason;

    /// <summary>Cancelled once a stop is asked.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Why the bot stops; null until asked.</summary>
    public string? Reason => Volatile.Read(ref reason);

    /// <summary>Asks for the stop; later reasons are ignored.</summary>
    public void Request(string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        if (Interlocked.CompareExchange(ref reason, why, null) is null)
        {
            stop.Cancel();
        }
    }

    /// <summary>When <paramref name="interval"/> is given (supervised), stops the bot once its supervisor is gone; dispose the watch at the end.</summary>
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
    public void Dispose() => stop.Dispose();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "the supervisor (our parent process) is gone: stopping rather than running unsupervised")]
        public static partial void Orphaned(ILogger logger);
    }
}
