namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Read side of <see cref="SymbolMarket"/>: klines, aggregate trades and the book, as Binance's REST API selects them.
/// </summary>
public sealed partial class SymbolMarket
{
    /// <summary>
    /// Klines with open time in [<paramref name="startTime"/>, <paramref name="endTime"/>], oldest
    /// first, at most <paramref name="limit"/>. Without a start time: the newest ones up to the end
    /// time (or now). The last one may be the current, still open candle.
    /// </summary>
    public IReadOnlyList<Candle> GetKlines(CandleInterval interval, long? startTime, long? endTime, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_sync)
        {
            var length = interval.Milliseconds;
            var oldest = interval.FirstOpenAtOrAfter(_minutes.FirstOpen);
            var newest = interval.OpenTimeOf(_processedUntil);
            if (endTime is { } end)
            {
                newest = Math.Min(newest, interval.OpenTimeOf(end));
            }

            var from = startTime is { } start
                ? Math.Max(oldest, interval.FirstOpenAtOrAfter(start))
                : Math.Max(oldest, newest - ((limit - 1) * length));
            var result = new List<Candle>();
            for (var open = from; open <= newest && result.Count < limit; open += length)
            {
                result.Add(_minutes.Aggregate(open, length));
            }

            return result;
        }
    }

    /// <summary>The current (open) candle of an interval, up to <see cref="ProcessedUntil"/>.</summary>
    public Candle GetCurrentCandle(CandleInterval interval)
    {
        lock (_sync)
        {
            return _minutes.Aggregate(interval.OpenTimeOf(_processedUntil), interval.Milliseconds);
        }
    }

    /// <summary>
    /// Aggregate trades, oldest first, at most <paramref name="limit"/>: from <paramref name="fromId"/>
    /// (inclusive), else from <paramref name="startTime"/> (inclusive), else the newest ones up to
    /// <paramref name="endTime"/> (inclusive) or now. Trades older than the retention are gone.
    /// </summary>
    public IReadOnlyList<AggTrade> GetAggTrades(long? fromId, long? startTime, long? endTime, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        lock (_sync)
        {
            long first;
            if (fromId is { } id)
            {
                first = Math.Max(id, _tape.FirstId);
            }
            else if (startTime is { } start)
            {
                first = _tape.FirstIdAtOrAfter(start);
            }
            else
            {
                var endId = endTime is { } end ? _tape.FirstIdAtOrAfter(end + 1) : _tape.NextId;
                first = Math.Max(_tape.FirstId, endId - limit);
            }

            var result = new List<AggTrade>(Math.Min(limit, 1024));
            for (var i = first; i < _tape.NextId && result.Count < limit; i++)
            {
                var trade = _tape.Get(i);
                if (endTime is { } end && trade.Time > end)
                {
                    break;
                }

                if (startTime is not { } start || trade.Time >= start)
                {
                    result.Add(trade.ToAggTrade(i, Instrument));
                }
            }

            return result;
        }
    }

    /// <summary>A fresh snapshot of the top <paramref name="levels"/> of the book around the last trade.</summary>
    public OrderBookSnapshot GetOrderBook(int levels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levels);
        lock (_sync)
        {
            var first = _bookUpdateId + 1;
            _bookUpdateId += 1 + (_tape.TotalAppended % 7);
            return BookBuilder.Build(Instrument, _seed, first, _bookUpdateId, _generator.BidTicks, levels);
        }
    }
}
