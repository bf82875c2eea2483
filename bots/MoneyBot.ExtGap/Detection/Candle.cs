namespace MoneyBot.ExtGap.Detection;

/// <summary>One closed kline: open and close time (close = open + interval - 1 ms) and its prices.</summary>
/// <param name="OpenTime">The bar's open time (UTC).</param>
/// <param name="CloseTime">The bar's close time (UTC), the last millisecond of the bar.</param>
/// <param name="Open">Opening price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Closing price.</param>
public readonly record struct Candle(
    DateTimeOffset OpenTime,
    DateTimeOffset CloseTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close
)
{
    /// <summary>A candle whose close time follows from the timeframe.</summary>
    public static Candle Create(
        Timeframe timeframe,
        DateTimeOffset openTime,
        decimal open,
        decimal high,
        decimal low,
        decimal close
    ) => new(openTime, timeframe.CloseTimeOf(openTime), open, high, low, close);
}
