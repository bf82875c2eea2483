using System.Globalization;
using MoneyBot.ExtGap.Detection;
using MoneyBot.ExtGap.Trading;

namespace MoneyBot.ExtGap.Live;

/// <summary>The one-line summary sent as STATUS=: last candle, gaps, position.</summary>
public static class StatusLine
{
    /// <summary>
    /// E.g. <c>BTCUSDT 3m · last candle 2025-01-01 00:03Z close 95123.4 · 4 gaps, last bullish #2 · LONG at</c>
    /// <c>95000</c>.
    /// </summary>
    public static string Format(
        string symbol,
        Timeframe timeframe,
        Candle? last,
        int gapsThisRun,
        Gap? lastGap,
        Position? position
    )
    {
        var candle = last is { } c
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"last candle {c.OpenTime.UtcDateTime:yyyy-MM-dd HH:mm}Z close {c.Close:0.########}"
            )
            : "waiting for the first closed candle";
        var gaps =
            string.Create(CultureInfo.InvariantCulture, $"{gapsThisRun} gap{(gapsThisRun == 1 ? "" : "s")} this run")
            + (
                lastGap is { } g
                    ? string.Create(
                        CultureInfo.InvariantCulture,
                        $", last {(g.Polarity == GapPolarity.Bullish ? "bullish" : "bearish")} #{g.Sequence}"
                    )
                    : ""
            );
        var held = position is { } p
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"{(p.Side == PositionSide.Long ? "LONG" : "SHORT")} at {p.EntryPrice:0.########}"
            )
            : "flat";
        return $"{symbol} {timeframe.Name} · {candle} · {gaps} · {held}";
    }
}
