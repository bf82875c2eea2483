namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// One raw (underlying) trade, as Binance's <c>/api/v3/trades</c> lists it. The tape stores aggregate trades; a raw
/// trade is one fill of an aggregate: same time, price and side, a share of its quantity, an id from its f..l range.
/// </summary>
/// <param name="Id">Raw trade id, within the aggregate's <c>f</c>..<c>l</c>.</param>
/// <param name="Time">Trade time, Unix ms.</param>
/// <param name="Price">Price, on the tick grid.</param>
/// <param name="Quantity">Quantity, on the step grid.</param>
/// <param name="IsBuyerMaker">True when the seller was the aggressor.</param>
public readonly record struct RawTrade(long Id, long Time, decimal Price, decimal Quantity, bool IsBuyerMaker);
