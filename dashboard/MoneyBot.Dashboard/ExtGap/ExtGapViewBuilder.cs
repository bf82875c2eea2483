using System.Globalization;
using MoneyBot.Dashboard.Catalog;
using MoneyBot.Dashboard.Sources;
using MoneyBot.Dashboard.Web;
using MoneyBot.MarketData;

namespace MoneyBot.Dashboard.ExtGap;

/// <summary>
/// An ext-gap bot's page: its candles from the exchange, and from its own files (read-only) the gaps and trades in
/// the candles' range, the open position, the totals and the P&amp;L by trade and by UTC day.
/// </summary>
internal sealed class ExtGapViewBuilder(CandleSource candles)
{
    /// <summary>Candles drawn: enough for a few days of 15m, a few weeks of 1h.</summary>
    public const int CandleCount = 500;

    public async Task<ExtGapView> BuildAsync(ExtGapBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bot);
        var problems = new List<string>();
        if (!KlineInterval.TryParse(bot.Timeframe, out var interval))
        {
            problems.Add($"{bot.Program}: timeframe '{bot.Timeframe}' is not one of Binance's intervals");
            interval = KlineInterval.OneMinute;
        }

        var step = (long)interval.Duration.TotalSeconds;
        var (klines, candlesError) = await candles.GetAsync(
            bot.RestUrl,
            bot.Market,
            bot.Symbol,
            interval,
            CandleCount,
            cancellationToken
        );
        var records = ExtGapRecords.Read(bot);
        problems.AddRange(records.Problems);
        var bars = klines
            .Select(k => new CandleView(k.OpenTime.ToUnixTimeSeconds(), k.Open, k.High, k.Low, k.Close, k.IsClosed))
            .ToList();
        // Gaps and trades are drawn where there are candles; without candles (the exchange is down) none is drawn,
        // and the page says why instead of showing an empty chart that looks fine.
        var (from, to) = bars.Count > 0 ? (bars[0].Time, bars[^1].Time + step) : (long.MaxValue, long.MinValue);
        long Bar(DateTimeOffset time) => time.ToUnixTimeSeconds() / step * step;
        bool InRange(long bar) => bar >= from && bar < to;

        var gaps = records
            .Gaps.Select(g => new GapView(
                g.Polarity,
                g.Level,
                Bar(g.OpeningBarTime),
                Bar(g.DetectionBarTime),
                Iso(g.DetectionBarTime),
                g.IsFirstGap,
                g.IsReversal,
                g.Sequence
            ))
            .Where(g => InRange(g.DetectionBar))
            .ToList();
        var trades = records
            .Trades.Select(t => new TradeView(
                t.Status,
                t.Side,
                t.EntryPrice,
                t.ExitPrice,
                Bar(t.OpenTime),
                Bar(t.CloseTime),
                Iso(t.OpenTime),
                Iso(t.CloseTime),
                t.RealizedPnl,
                t.CloseReason
            ))
            .ToList();
        var lastClose = klines.Count > 0 ? klines[^1].Close : (decimal?)null;
        var position = records.Position is { } open
            ? new PositionView(
                open.Side.ToUpperInvariant(),
                open.EntryPrice,
                Bar(open.EntryTime),
                Iso(open.EntryTime),
                open.Notional,
                lastClose is { } close && open.EntryPrice > 0
                    ? decimal.Round(
                        open.Notional
                            * (close - open.EntryPrice)
                            / open.EntryPrice
                            * (open.Side.Equals("Short", StringComparison.OrdinalIgnoreCase) ? -1 : 1),
                        8
                    )
                    : null
            )
            : null;
        var totals = records.Totals is { } t
            ? new TotalsView(t.Wins, t.Losses, t.Breakevens, t.CumulativePnl, t.CumulativeFees, true)
            : new TotalsView(
                records.Trades.Count(r => r.Status == "WIN"),
                records.Trades.Count(r => r.Status == "LOSS"),
                records.Trades.Count(r => r.Status == "BREAKEVEN"),
                records.Trades.Count > 0 ? records.Trades[^1].CumulativePnl : 0,
                records.Trades.Sum(r => r.TotalFees),
                false
            );
        var cumulative = new List<PnlPoint>();
        foreach (var trade in records.Trades)
        {
            var time = trade.CloseTime.ToUnixTimeSeconds();
            if (cumulative.Count > 0 && cumulative[^1].Time >= time)
            {
                cumulative[^1] = cumulative[^1] with { Value = trade.CumulativePnl }; // one point per chart time
            }
            else
            {
                cumulative.Add(new PnlPoint(time, trade.CumulativePnl));
            }
        }

        var daily = records
            .Trades.GroupBy(r => r.CloseTime.UtcDateTime.Date)
            .OrderBy(g => g.Key)
            .Select(g => new DayPnl(
                g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                new DateTimeOffset(g.Key, TimeSpan.Zero).ToUnixTimeSeconds(),
                g.Sum(r => r.RealizedPnl),
                g.Count()
            ))
            .ToList();
        return new ExtGapView(
            bot.Program,
            bot.Symbol,
            bot.Timeframe,
            bot.Market == Market.Spot ? "spot" : "futures",
            step,
            bars,
            candlesError,
            gaps,
            records.Gaps.Count,
            [.. trades.Where(tr => InRange(tr.EntryBar) || InRange(tr.ExitBar))],
            trades.Count,
            position,
            records.PendingEntry?.ToUpperInvariant(),
            totals,
            cumulative,
            daily,
            bot.GapsPath,
            bot.TradesPath,
            bot.StatePath,
            records.HasState,
            problems,
            records.Version
        );
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
