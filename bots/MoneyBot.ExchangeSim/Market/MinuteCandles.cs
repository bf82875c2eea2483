namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// One-minute candles of one symbol, built trade by trade, from which every longer interval is
/// aggregated (so all timeframes agree with each other and with the tape). Not thread-safe.
/// </summary>
internal sealed class MinuteCandles
{
    private const long Minute = 60_000;
    private readonly List<Candle> _minutes = [];
    private long _firstOpen;

    public MinuteCandles(long firstOpenMs, decimal initialPrice)
    {
        _firstOpen = firstOpenMs - (firstOpenMs % Minute);
        _minutes.Add(Candle.Empty(_firstOpen, Minute, initialPrice));
    }

    /// <summary>Open time of the oldest minute kept.</summary>
    public long FirstOpen => _firstOpen;

    /// <summary>Open time of the newest (current) minute.</summary>
    public long LastOpen => _firstOpen + ((_minutes.Count - 1) * Minute);

    /// <summary>Close price of the newest minute (the last trade price).</summary>
    public decimal LastClose => _minutes[^1].Close;

    /// <summary>Adds empty minutes so that the minute holding <paramref name="timeMs"/> exists.</summary>
    public void ExtendTo(long timeMs)
    {
        while (LastOpen + Minute <= timeMs)
        {
            _minutes.Add(Candle.Empty(LastOpen + Minute, Minute, LastClose));
        }
    }

    /// <summary>Adds a trade (at or after every trade added before).</summary>
    public void Add(in AggTrade trade)
    {
        ExtendTo(trade.Time);
        _minutes[^1] = _minutes[^1].Add(trade);
    }

    /// <summary>
    /// The candle of <paramref name="intervalMs"/> opening at <paramref name="openTime"/>, from the
    /// minutes kept (those not yet reached count as empty).
    /// </summary>
    public Candle Aggregate(long openTime, long intervalMs)
    {
        var first = Math.Max(0, (openTime - _firstOpen) / Minute);
        var end = Math.Min(_minutes.Count, (openTime + intervalMs - _firstOpen) / Minute);
        var seed = first < _minutes.Count ? _minutes[(int)first].Open : LastClose;
        var candle = Candle.Empty(openTime, intervalMs, seed);
        for (var i = first; i < end; i++)
        {
            candle = candle.Absorb(_minutes[(int)i]);
        }

        return candle;
    }

    /// <summary>
    /// The last price before the minute opening at <paramref name="openTime"/>: the close of the minute before it, or
    /// the open of the first minute kept when there is none.
    /// </summary>
    public decimal CloseBefore(long openTime)
    {
        var index = (openTime - _firstOpen) / Minute;
        return index >= 1 && index <= _minutes.Count ? _minutes[(int)index - 1].Close : _minutes[0].Open;
    }

    /// <summary>Drops minutes older than <paramref name="timeMs"/> (always keeps the newest).</summary>
    public void PruneBefore(long timeMs)
    {
        var drop = (int)Math.Min(_minutes.Count - 1, Math.Max(0, (timeMs - _firstOpen) / Minute));
        if (drop >= 1024)
        {
            _minutes.RemoveRange(0, drop);
            _firstOpen += drop * Minute;
        }
    }
}
