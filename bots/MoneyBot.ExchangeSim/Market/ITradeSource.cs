namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Where a market's trades come from, in id (and time) order: the generated tape (<see cref="TradeGenerator"/>) or a
/// recording (<see cref="RecordedTape"/>). Not thread-safe: the market calls it under its lock.
/// </summary>
internal interface ITradeSource
{
    /// <summary>The price (in ticks) of the last trade before the source's start.</summary>
    long PriceTicksBefore { get; }

    /// <summary>The aggregate id of <see cref="Pending"/>.</summary>
    long PendingId { get; }

    /// <summary>The next trade, not yet taken; its time is <see cref="long.MaxValue"/> when there is none.</summary>
    TapeTrade Pending { get; }

    /// <summary>Best bid after the last taken trade, in ticks (the ask is one tick above).</summary>
    long BidTicks { get; }

    /// <summary>Returns <see cref="Pending"/> and moves to the one after it.</summary>
    TapeTrade Take();
}
