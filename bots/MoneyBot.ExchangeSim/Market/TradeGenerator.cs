namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Walks the <see cref="TapeModel"/> forward from a start time, one trade at a time, a chunk at a time. Where it
/// starts changes nothing about the trades it yields: a trade has the same time, price and ids from any start.
/// Not thread-safe.
/// </summary>
internal sealed class TradeGenerator : ITradeSource
{
    private readonly TapeModel _model;
    private readonly ChunkTrades _chunk = new();
    private int _next;

    /// <summary>Starts at the first trade at or after <paramref name="startMs"/>.</summary>
    public TradeGenerator(TapeModel model, long startMs)
    {
        _model = model;
        var chunk = TapeModel.ChunkOf(startMs);
        model.Fill(chunk, _chunk);
        _next = 0;
        while (_next < _chunk.Count && _chunk.Trades[_next].Time < startMs)
        {
            _next++;
        }

        PriceTicksBefore = _next > 0 ? _chunk.Trades[_next - 1].PriceTicks : LastPriceBefore(model, chunk);
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
        while (_next >= _chunk.Count)
        {
            _model.Fill(_chunk.Chunk + 1, _chunk);
            _next = 0;
        }
    }

    /// <summary>The price of the last trade before <paramref name="chunk"/> (every chunk has at least one).</summary>
    private static long LastPriceBefore(TapeModel model, long chunk)
    {
        var before = new ChunkTrades();
        model.Fill(Math.Max(0, chunk - 1), before);
        return chunk == 0 ? before.Trades[0].PriceTicks : before.Trades[before.Count - 1].PriceTicks;
    }
}
