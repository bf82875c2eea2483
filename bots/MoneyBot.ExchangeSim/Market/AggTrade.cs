namespace MoneyBot.ExchangeSim.Market;

/// <summary>One aggregate trade of the tape, as Binance's <c>aggTrade</c> describes it.</summary>
/// <param name="Id">Aggregate trade id (<c>a</c>); consecutive per symbol.</param>
/// <param name="FirstTradeId">First underlying trade id (<c>f</c>).</param>
/// <param name="LastTradeId">Last underlying trade id (<c>l</c>).</param>
/// <param name="Time">Trade time, Unix ms (<c>T</c>).</param>
/// <param name="Price">Price (<c>p</c>), on the tick grid.</param>
/// <param name="Quantity">Quantity (<c>q</c>), on the step grid.</param>
/// <param name="IsBuyerMaker">True when the seller was the aggressor (<c>m</c>).</param>
public readonly record struct AggTrade(
    long Id,
    long FirstTradeId,
    long LastTradeId,
    long Time,
    decimal Price,
    decimal Quantity,
    bool IsBuyerMaker
);
