using MoneyBot.ExtGap.Trading;
using MoneyBot.MarketData.Streams;

namespace MoneyBot.ExtGap.Live;

/// <summary>The way out: STOPPING=1, stream closed, files flushed, state saved, stop message sent.</summary>
public sealed partial class LiveBot
{
    private int _disposed;

    /// <summary>Stops the bot if it runs (waiting a bounded time), then releases everything. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // RunAsync's caller sees its outcome; here it only has to be over (or hopelessly stuck).
        await _lifetime.StopAndWaitAsync("disposed", TimeSpan.FromSeconds(15), _time);

        await _signals.DisposeAsync();
        _health.Dispose();
        _http.Dispose();
        _lifetime.Dispose();
    }

    private async Task ShutdownAsync(BinanceStream stream, CandlePipeline candles)
    {
        var reason = StopReason ?? "the market stream ended";
        LiveLog.Stopping(_logger, reason);
        _health.Stopping();
        await stream.DisposeAsync();
        try
        {
            candles.Save();
            candles.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Already failing (disk full, say): the last good state is on disk, and the exit code says it went wrong.
            LiveLog.FinalSaveFailed(_logger, ex.Message);
        }

        await _signals.StopAsync(reason, candles.Totals, _options.StopMessageTimeout);
        await _signals.DisposeAsync();
        var done = candles.Progress;
        LiveLog.Stopped(_logger, done.Candles, done.Gaps, done.Trades);
    }

    private void Log(CandleResult result)
    {
        var c = result.Candle;
        LiveLog.Candle(_logger, c.OpenTime, c.Open, c.High, c.Low, c.Close);
        if (result.Gap is { } gap)
        {
            LiveLog.Gap(
                _logger,
                gap.Polarity,
                gap.Level,
                gap.OpeningBarTime,
                gap.Sequence,
                gap.IsFirstGap ? ", first"
                    : gap.IsReversal ? ", reversal"
                    : ""
            );
        }

        foreach (var e in result.Events)
        {
            switch (e)
            {
                case PositionClosed { Trade: var t }:
                    LiveLog.Closed(_logger, t.Side, t.EntryPrice, t.ExitPrice, t.Reason, t.RealizedPnl);
                    break;
                case PositionOpened { Position: var p }:
                    LiveLog.Opened(_logger, p.Side, p.EntryPrice, p.EntryTime);
                    break;
            }
        }
    }
}
