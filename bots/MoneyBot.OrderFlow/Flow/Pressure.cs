namespace MoneyBot.OrderFlow.Flow;

/// <summary>Buy / sell aggressive quantity over the pressure window (30 s).</summary>
/// <param name="BuyQuantity">Aggressive buy quantity.</param>
/// <param name="SellQuantity">Aggressive sell quantity.</param>
/// <param name="Ratio">Buy / sell, rounded to 6 decimals; null unless <see cref="Kind"/> is <see
/// cref="PressureKind.Ratio"/>.</param>
/// <param name="Kind">Finite, infinite (no sells) or undefined (no trades).</param>
/// <param name="Dominant">The dominant side.</param>
public sealed record Pressure(
    decimal BuyQuantity,
    decimal SellQuantity,
    decimal? Ratio,
    PressureKind Kind,
    Dominance Dominant
)
{
    /// <summary>The pressure of <paramref name="totals"/> with the thresholds of <paramref name="settings"/>.</summary>
    public static Pressure From(in FlowTotals totals, FlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (buy, sell) = (totals.BuyQuantity, totals.SellQuantity);
        if (sell == 0)
        {
            return buy == 0
                ? new Pressure(buy, sell, null, PressureKind.Undefined, Dominance.Neutral)
                : new Pressure(buy, sell, null, PressureKind.Infinite, Dominance.Buy);
        }

        var ratio = decimal.Round(buy / sell, 6);
        var exact = buy / sell;
        var dominant =
            exact > settings.BuyDominantAbove ? Dominance.Buy
            : exact < settings.SellDominantBelow ? Dominance.Sell
            : Dominance.Neutral;
        return new Pressure(buy, sell, ratio, PressureKind.Ratio, dominant);
    }
}
