namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Read side of <see cref="SymbolMarket"/> for the tickers, recent raw trades and the top of the book. Everything
/// here is a pure function of the tape up to <see cref="ProcessedUntil"/>.
/// </summary>
public sealed partial class SymbolMarket
{
    private const long MinuteMs = 60_000;

    /// <summary>Time of the newest trade kept (Unix ms), or the start of the tape before any.</summary>
    public long LastTradeTime
    {
        get
        {
            lock (_sync)
            {
                return _tape.Count > 0 ? _tape.Get(_tape.NextId - 1).Time : HistoryStart;
            }
        }
    }

    /// <summary>
    /// The newest <paramref name="limit"/> raw trades, oldest first: the newest aggregate trades expanded into their
    /// fills (see <see cref="TradeSplit"/>), ids consecutive.
    /// </summary>
    public IReadOnlyList<RawTrade> GetRecentTrades(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_sync)
        {
            var raw = new List<RawTrade>(Math.Min(limit, 1024) + 32);
            var first = _tape.NextId;
            var count = 0L;
            while (first > _tape.FirstId && count < limit)
            {
                first--;
                count += _tape.Get(first).Fills;
            }

            for (var id = first; id < _tape.NextId; id++)
            {
                TradeSplit.Expand(_tape.Get(id).ToAggTrade(id, Instrument), Instrument, _seed, raw);
            }

            return raw.Count > limit ? raw.GetRange(raw.Count - limit, limit) : raw;
        }
    }

    /// <summary>
    /// The candle of the last <paramref name="minutes"/> minutes up to <see cref="ProcessedUntil"/>, the current
    /// (open) minute included; its open and close times are those of the minutes.
    /// </summary>
    public Candle GetRecentWindow(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes);
        lock (_sync)
        {
            return RecentWindow(minutes);
        }
    }

    /// <summary>
    /// Rolling statistics over <paramref name="window"/> (whole minutes) ending at <see cref="ProcessedUntil"/>, as
    /// the 24 h ticker reports them. The minutes are those that open in the window, the current one included; when
    /// the tape is shorter than the window, they start with the tape.
    /// </summary>
    public TickerStats GetTicker(TimeSpan window)
    {
        var minutes = (int)Math.Max(1, (long)window.TotalMilliseconds / MinuteMs);
        lock (_sync)
        {
            var candle = RecentWindow(minutes);
            var top = BookTop();
            var lastQuantity = 0m;
            if (_tape.Count > 0)
            {
                var fills = new List<RawTrade>();
                var id = _tape.NextId - 1;
                TradeSplit.Expand(_tape.Get(id).ToAggTrade(id, Instrument), Instrument, _seed, fills);
                lastQuantity = fills[^1].Quantity;
            }

            return new TickerStats(
                candle,
                _minutes.CloseBefore(candle.OpenTime),
                lastQuantity,
                top.Bids[0],
                top.Asks[0],
                _processedUntil - (minutes * MinuteMs),
                _processedUntil
            );
        }
    }

    /// <summary>
    /// The best bid and ask with their sizes, drawn from the symbol's seed and the newest trade id: the same tape
    /// gives the same top of the book, and asking does not move the ids of the depth snapshots.
    /// </summary>
    public OrderBookSnapshot GetBookTop()
    {
        lock (_sync)
        {
            return BookTop();
        }
    }

    private OrderBookSnapshot BookTop() =>
        BookBuilder.Build(Instrument, _seed, _tape.NextId, _tape.NextId, _generator.BidTicks, 1);

    private Candle RecentWindow(int minutes)
    {
        var last = _processedUntil - (_processedUntil % MinuteMs);
        var open = last - ((minutes - 1) * MinuteMs);
        return _minutes.Aggregate(open, minutes * MinuteMs);
    }
}
