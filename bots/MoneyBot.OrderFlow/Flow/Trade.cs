namespace MoneyBot.OrderFlow.Flow;

/// <summary>One aggregate trade, as the metrics see it.</summary>
/// <param name="Id">Aggregate trade id (<c>a</c>); consecutive per symbol.</param>
/// <param name="TimeMs">Trade time on the exchange (<c>T</c>), Unix milliseconds.</param>
/// <param name="Price">Price (<c>p</c>).</param>
/// <param name="Quantity">Quantity in the base asset (<c>q</c>).</param>
/// <param name="Aggressor">Who crossed the spread (from <c>m</c>).</param>
public readonly record struct Trade(long Id, long TimeMs, decimal Price, decimal Quantity, Aggressor Aggressor)
{
    /// <summary>Price x quantity, in the quote currency (USD for USDT pairs).</summary>
    public decimal Notional => Price * Quantity;

    /// <summary>
    /// The aggressor from Binance's <c>m</c> flag: a buyer who was the maker means the seller crossed.
    /// </summary>
    public static Aggressor AggressorOf(bool buyerIsMaker) => buyerIsMaker ? Aggressor.Sell : Aggressor.Buy;
}
