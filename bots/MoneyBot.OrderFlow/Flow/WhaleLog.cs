namespace MoneyBot.OrderFlow.Flow;

/// <summary>The recent whale trades (any tier) of one symbol, oldest first, kept for the retention.</summary>
internal sealed class WhaleLog
{
    private WhaleTrade[] trades = new WhaleTrade[64];
    private int start;
    private int count;

    public void Add(in WhaleTrade trade)
    {
        if (count == trades.Length)
        {
            var bigger = new WhaleTrade[trades.Length * 2];
            for (var i = 0; i < count; i++)
            {
                bigger[i] = trades[(start + i) % trades.Length];
            }

            (trades, start) = (bigger, 0);
        }

        trades[(start + count) % trades.Length] = trade;
        count++;
    }

    /// <summary>Forgets the trades at or before <paramref name="cutoffMs"/>.</summary>
    public void EvictThrough(long cutoffMs)
    {
        while (count > 0 && trades[start].TimeMs <= cutoffMs)
        {
            start = (start + 1) % trades.Length;
            count--;
        }
    }

    /// <summary>The trades after <paramref name="sinceMs"/> at <paramref name="minimum"/> or above, newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<WhaleTrade> Recent(long sinceMs, WhaleTier minimum, int limit)
    {
        var list = new List<WhaleTrade>();
        for (var i = count - 1; i >= 0 && list.Count < limit; i--)
        {
            ref readonly var trade = ref trades[(start + i) % trades.Length];
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
