using Microsoft.Extensions.Logging;
using MoneyBot.Common.Bots;
using MoneyBot.Common.Units;
using MoneyBot.MarketData.Models;

namespace MoneyBot.ExtGap.Live;

/// <summary>
/// Notices when the market is behind the bot's saved state (an exchange restarted without its clock, a replayed or
/// restored feed): every candle it sends is then older than the last one processed and is ignored as a duplicate,
/// so the bot processes nothing. While that lasts, the <see cref="HealthReporter"/> withholds READY=1 and
/// WATCHDOG=1 and STATUS= says <c>market is behind my state by 3h52m</c>; one log line when it starts and one when
/// the market catches up. Used from the candle loop only.
/// </summary>
/// <param name="interval">The kline interval.</param>
/// <param name="health">Where READY/WATCHDOG are withheld and resumed.</param>
/// <param name="logger">Where entering and leaving are logged.</param>
internal sealed partial class MarketLag(TimeSpan interval, HealthReporter health, ILogger logger)
{
    private TimeSpan? _behindBy;
    private TimeSpan _worst;
    private bool _checked;

    /// <summary>True while the market is behind the state.</summary>
    public bool IsBehind => _behindBy is not null;

    /// <summary>
    /// Resuming from a state: nothing says yet whether the market is behind it, so READY=1 waits for the first
    /// kline (or processed candle).
    /// </summary>
    public void Resuming() => health.Withhold(null);

    /// <summary>
    /// A kline of ours from the stream (closed or forming); <paramref name="lastProcessed"/> is the open time of the
    /// last candle the state holds.
    /// </summary>
    public void Kline(Kline kline, DateTimeOffset? lastProcessed)
    {
        ArgumentNullException.ThrowIfNull(kline);
        if (lastProcessed is not { } last)
        {
            CaughtUp(null);
            return;
        }

        // The latest candle the market has closed: this one, or the one before the forming one.
        var marketClosed = kline.IsClosed ? kline.OpenTime : kline.OpenTime - interval;
        var by = last - marketClosed;
        if (by > interval || (IsBehind && by > TimeSpan.Zero))
        {
            // Behind by more than one candle to enter: a kline queued while a backfill ran is not "behind".
            Behind(by, marketClosed, last);
        }
        else if (by <= TimeSpan.Zero || !_checked)
        {
            CaughtUp(last);
        }
    }

    /// <summary>A candle newer than the state was processed: the market is not behind (any more).</summary>
    public void Processed(DateTimeOffset openTime) => CaughtUp(openTime);

    private void Behind(TimeSpan by, DateTimeOffset marketClosed, DateTimeOffset last)
    {
        _checked = true;
        var text = Durations.Format(by);
        if (_behindBy is null)
        {
            _worst = by;
            Log.Behind(logger, text, marketClosed, last);
        }

        _behindBy = by;
        _worst = by > _worst ? by : _worst;
        health.Withhold($"market is behind my state by {text}");
    }

    private void CaughtUp(DateTimeOffset? last)
    {
        _checked = true;
        if (_behindBy is not null)
        {
            var worst = Durations.Format(_worst);
            Log.CaughtUp(logger, last, worst);
            _behindBy = null;
        }

        health.Resume();
    }

    private static partial class Log
    {
        [LoggerMessage(
            Level = LogLevel.Warning,
            Message = "the market is behind my state by {By}: its last closed candle opened at {Market:O}, mine at "
                + "{Mine:O}; its candles are ignored as old, and READY=1/WATCHDOG=1 are withheld until it catches up"
        )]
        public static partial void Behind(ILogger logger, string by, DateTimeOffset market, DateTimeOffset mine);

        [LoggerMessage(
            Level = LogLevel.Information,
            Message = "the market caught up with my state (last candle {Mine:O}; it was behind by up to {Worst}): "
                + "candles are processed again, READY=1/WATCHDOG=1 resumed"
        )]
        public static partial void CaughtUp(ILogger logger, DateTimeOffset? mine, string worst);
    }
}
