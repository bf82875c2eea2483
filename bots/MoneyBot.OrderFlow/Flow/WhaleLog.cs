namespace MoneyBot.OrderFlow.Flow;

/// <summary>The recent whale trades (any tier) of one symbol, oldest first, kept for the retention.</summary>
internal sealed class WhaleLog
{
    private WhaleTrade[] _trades = new WhaleTrade[64];
    private int _start;
    private int _count;

    public void Add(in WhaleTrade trade)
    {
        if (_count == _trades.Length)
        {
            var bigger = new WhaleTrade[_trades.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                bigger[i] = _trades[(_start + i) % _trades.Length];
            }

            (_trades, _start) = (bigger, 0);
        }

        _trades[(_start + _count) % _trades.Length] = trade;
        _count++;
    }

    /// <summary>Forgets the trades at or before <paramref name="cutoffMs"/>.</summary>
    public void EvictThrough(long cutoffMs)
    {
        while (_count > 0 && _trades[_start].TimeMs <= cutoffMs)
        {
            _start = (_start + 1) % _trades.Length;
            _count--;
        }
    }

    /// <summary>
    /// The trades after <paramref name="sinceMs"/> at <paramref name="minimum"/> or above, newest first, at most
    /// <paramref name="limit"/>.
    /// </summary>
    public IReadOnlyList<WhaleTrade> Recent(long sinceMs, WhaleTier minimum, int limit)
    {
        var list = new List<WhaleTrade>();
        for (var i = _count - 1; i >= 0 && list.Count < limit; i--)
        {
            ref readonly var trade = ref _trades[(_start + i) % _trades.Length];
            if (trade.TimeMs <= sinceMs)
            {
                break;
            }

            if (trade.Tier >= minimum)
            {
                list.Add(trade);
            }
        }

        return list;
    }
}
