namespace MoneyBot.MarketData;

/// <summary>Which Binance market a request or stream addresses.</summary>
public enum Market
{
    /// <summary>Spot (<c>api.binance.com</c>, <c>stream.binance.com</c>).</summary>
    Spot,

    /// <summary>USD-M futures (<c>fapi.binance.com</c>, <c>fstream.binance.com</c>).</summary>
    UsdFutures,
}
