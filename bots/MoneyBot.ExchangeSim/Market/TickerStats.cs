namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Rolling-window statistics of one symbol, as Binance's 24 h ticker reports them, taken from the minute candles.
/// </summary>
/// <param name="Window">The window's candle: open, high, low, last price, volumes, first and last raw trade ids and
/// the raw trade count (ids -1 and count 0 when no trade fell in it).</param>
/// <param name="PrevClose">The last price before the window.</param>
/// <param name="LastQuantity">Quantity of the newest raw trade (0 before any).</param>
/// <param name="Bid">Best bid level.</param>
/// <param name="Ask">Best ask level.</param>
/// <param name="OpenTime">Start of the window (Unix ms): <see cref="CloseTime"/> minus the window length.</param>
/// <param name="CloseTime">End of the window: the market time up to which trades are known.</param>
public readonly record struct TickerStats(
    Candle Window,
    decimal PrevClose,
    decimal LastQuantity,
    BookLevel Bid,
    BookLevel Ask,
    long OpenTime,
    long CloseTime
);
