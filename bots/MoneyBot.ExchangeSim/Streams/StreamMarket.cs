namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// The market whose message forms a websocket connection receives: chosen by its path (<c>/ws</c> and
/// <c>/stream</c> for spot, <c>/fapi/ws</c> and <c>/fapi/stream</c> for USD-M futures).
/// </summary>
public enum StreamMarket
{
    /// <summary>
    /// Spot forms: eight decimals, <c>M</c> in aggTrade, depth as <c>{"lastUpdateId","bids","asks"}</c>.
    /// </summary>
    Spot,

    /// <summary>
    /// USD-M futures forms: the symbol's precision, no <c>M</c>, depth as a <c>depthUpdate</c> event.
    /// </summary>
    UsdFutures,
}
