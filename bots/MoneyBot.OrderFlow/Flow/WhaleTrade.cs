namespace MoneyBot.OrderFlow.Flow;

/// <summary>A trade that reached a whale tier.</summary>
/// <param name="Id">Aggregate trade id.</param>
/// <param name="TimeMs">Exchange time, Unix ms.</param>
/// <param name="Price">Price.</param>
/// <param name="Quantity">Quantity (base asset).</param>
/// <param name="Notional">Price x quantity.</param>
/// <param name="Side">The aggressor.</param>
/// <param name="Tier">The highest tier reached.</param>
public readonly record struct WhaleTrade(
    long Id,
    long TimeMs,
    decimal Price,
    decimal Quantity,
    decimal Notional,
    Aggressor Side,
    WhaleTier Tier
);
