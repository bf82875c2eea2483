namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// One-minute candles of one symbol, built trade by trade, from which every longer interval is
/// aggregated (so all timeframes agree with each other and with the tape). Not thread-safe.
/// </summary>
internal sealed class MinuteCandles
{
    private const long Minute = 60_000;
    private readonly List<Candle> minutes = [];
    private long firstOpen;

    public MinuteCandles(long firstOpenMs, decimal initialPrice)
    {
        firstOpen = firstOpenMs - (firstOpenMs % Minute);
        minutes.Add(Candle.Empty(firstOpen, Minute, initialPrice));
    }

    /// <summary>Open time of the oldest minute kept.</summary>
    public long FirstOpen => firstOpen;

    /// <summary>Open time of the newest (current) minute.</summary>
    public long LastOpen => firstOpen + ((minutes.Count - 1) * Minute);

    /// <summary>Close price of the newest minute (the last trade price).</summary>
    public decimal LastClose => minutes[^1].Close;

    /// <summary>Adds empty minutes so that the minute holding <paramref name="timeMs"/> exists.</summary>
    public void ExtendTo(long timeMs)
    {
        while (LastOpen + Minute <= timeMs)
        {
            minutes.Add(Candle.Empty(LastOpen + Minute, Minute, LastClose));
        }
    }

    /// <summary>Adds a trade (at or after every trade added before).</summary>
    public void Add(in AggTrade trade)
    {
        ExtendTo(trade.Time);
        minutes[^1] = minutes[^1].Add(trade);
    }

    /// <summary>
    /// The candle of <paramref name="intervalMs"/> opening at <paramref name="openTime"/>, from the
    /// minutes kept (those not yet reached count as empty).
    /// </summary>
    public Candle Aggregate(long openTime, long intervalMs)
    {
        var first = Math.Max(0, (openTime - firstOpen) / Minute);
        var end = Math.Min(minutes.Count, (openTime + intervalMs - firstOpen) / Minute);
        var seed = first < minutes.Count ? minutes[(int)first].Open : LastClose;
        var candle = Candle.Empty(openTime, intervalMs, seed);
        for (var i = first; i < end; i++)
        {
            candle = candle.Absorb(minutes[(int)i]);
        }

        return candle;
    }

    /// <summary>Drops minutes older than <paramref name="timeMs"/> (always keeps the newest).</summary>
    public void PruneBefore(long timeMs)
    {
        var drop = (int)Math.Min(minutes.Count - 1, Math.Max(0, (timeMs - firstOpen) / Minute));
        if (drop >= 1024)
        {
            minutes.RemoveRange(0, drop);
            firstOpen += drop * Minute;
        }
    }
}
