namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// An active absorption zone: heavy aggression on one side at a price bucket that passive orders
/// absorbed without price giving way.
/// </summary>
/// <param name="PriceLow">Lower bound of the bucket (inclusive).</param>
/// <param name="PriceHigh">Upper bound of the bucket (exclusive).</param>
/// <param name="AbsorbedSide">The aggressors that were absorbed: BUY (sellers held the level, resistance) or SELL
/// (buyers held it, support).</param>
/// <param name="Volume">That side's aggressive quantity at the bucket within the window, when last confirmed.</param>
/// <param name="Notional">The same in the quote currency.</param>
/// <param name="FirstSeenMs">Exchange time the zone was first detected.</param>
/// <param name="LastSeenMs">Exchange time the zone was last confirmed.</param>
/// <param name="Strength">Volume / mean per-bucket volume of the window, when last confirmed (at least K).</param>
public sealed record AbsorptionZone(
    decimal PriceLow,
    decimal PriceHigh,
    Aggressor AbsorbedSide,
    decimal Volume,
    decimal Notional,
    long FirstSeenMs,
    long LastSeenMs,
    decimal Strength
)
{
    /// <summary>The middle of the bucket.</summary>
    public decimal Level => (PriceLow + PriceHigh) / 2;

    /// <summary>Distance from <paramref name="price"/> to the bucket (0 inside it).</summary>
    public decimal DistanceTo(decimal price) =>
        price < PriceLow ? PriceLow - price
        : price >= PriceHigh ? price - PriceHigh
        : 0m;
}
