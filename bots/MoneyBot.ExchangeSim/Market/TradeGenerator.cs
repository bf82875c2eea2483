namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Walks the <see cref="TapeModel"/> forward from a start time, one trade at a time, a chunk at a time. Where it
/// starts changes nothing about the trades it yields: a trade has the same time, price and ids from any start.
/// Not thread-safe.
/// </summary>
internal sealed class TradeGenerator : ITradeSource
{
    private readonly TapeModel _model;
    private ChunkTrades _chunk;
    private int _next;

    /// <summary>Starts at the first trade at or after <paramref name="startMs"/>.</summary>
    public TradeGenerator(TapeModel model, long startMs)
    {
        _model = model;
        var chunk = TapeModel.ChunkOf(startMs);
        _chunk = model.Trades(chunk);
        _next = 0;
        while (_next < _chunk.Trades.Length && _chunk.Trades[_next].Time < startMs)
        {
            _next++;
        }

        PriceTicksBefore = LastPriceBefore(model, _chunk, _next);
        BidTicks = PriceTicksBefore;
        FillPending();
    }

    /// <summary>The price (in ticks) of the last trade before the start.</summary>
    public long PriceTicksBefore { get; }

    /// <summary>The aggregate id of <see cref="Pending"/>.</summary>
    public long PendingId => _chunk.FirstAggId + _next;

    /// <summary>The next trade, not yet taken.</summary>
    public TapeTrade Pending => _chunk.Trades[_next];

    /// <summary>Best bid after the last taken trade, in ticks (the ask is one tick above).</summary>
    public long BidTicks { get; private set; }

    /// <summary>Returns <see cref="Pending"/> and moves to the one after it.</summary>
    public TapeTrade Take()
    {
        var trade = _chunk.Trades[_next];
        BidTicks = _chunk.BidTicks[_next];
        _next++;
        FillPending();
        return trade;
    }

    private void FillPending()
    {
        while (_next >= _chunk.Trades.Length)
        {
            _chunk = _model.Trades(_chunk.Chunk + 1);
            _next = 0;
        }
    }

    private static long LastPriceBefore(TapeModel model, ChunkTrades chunk, int index)
    {
        while (index == 0)
        {
            if (chunk.Chunk == 0)
            {
                return chunk.Trades[0].PriceTicks; // nothing before the epoch: the first price stands in
            }

            chunk = model.Trades(chunk.Chunk - 1);
            index = chunk.Trades.Length;
        }

        return chunk.Trades[index - 1].PriceTicks;
    }
}
