using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Keeps the daemon's resident memory to what it uses: releases the <see cref="StartupPages"/> once the autostart
/// programs are started, after the first quiet <see cref="Period"/>, and again whenever a busy spell (restarts,
/// stops, a reload: anything that published events) has been followed by a quiet period without events. Releasing
/// costs about a millisecond; a page needed again comes back from the page cache on its next touch.
/// </summary>
/// <param name="started">Completes once the autostart programs are started.</param>
internal sealed partial class PageReleaser(
    TimeProvider time,
    ILogger logger,
    Task? started = null,
    Func<long>? release = null
) : BackgroundService
{
    /// <summary>How often the daemon looks whether a busy spell has ended.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly Func<long> _release = release ?? StartupPages.Release;
    private long _events;
    private long _seen;
    private long _released;

    /// <summary>Something happened (an event was published).</summary>
    public void Notice() => Interlocked.Increment(ref _events);

    /// <summary>Releases once the programs are started, then after each busy spell.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var cancellationToken = stoppingToken;
        try
        {
            await (started ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
            Start();
            using var timer = new PeriodicTimer(Period, time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Tick();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the daemon is stopping
        }
    }

    /// <summary>
    /// The programs are started: releases what starting touched, and once more after the first quiet period (what
    /// the first commands, <c>up</c>'s status table say, brought in).
    /// </summary>
    internal void Start()
    {
        _seen = Interlocked.Read(ref _events);
        _released = -1;
        if (Release() is { } bytes)
        {
            Log.Released(logger, bytes / (1024.0 * 1024));
        }
    }

    /// <summary>
    /// One look, every <see cref="Period"/>: releases when there were events before the last look and none since.
    /// Returns whether it released.
    /// </summary>
    internal bool Tick()
    {
        var now = Interlocked.Read(ref _events);
        var busySpellEnded = now == _seen && now != _released;
        _seen = now;
        if (!busySpellEnded)
        {
            return false;
        }

        _released = now;
        return Release() is not null;
    }

    private long? Release()
    {
        try
        {
            return _release();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.Kept(logger, e.Message); // no smaps to read: memory stays as it is, nothing else changes
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "released {MiB:0.0} MiB of start-up pages")]
        public static partial void Released(ILogger logger, double miB);

        [LoggerMessage(Level = LogLevel.Warning, Message = "pages kept: {Reason}")]
        public static partial void Kept(ILogger logger, string reason);
    }
}
