namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// Sums over a set of trades: aggressive buy and sell quantity and notional, trade count, and whale
/// counts per tier. The ledger keeps running totals, so a window is the difference of two.
/// </summary>
public readonly record struct FlowTotals(
    decimal BuyQuantity,
    decimal SellQuantity,
    decimal BuyQuote,
    decimal SellQuote,
    long Trades,
    long Small,
    long Medium,
    long Large,
    long Whale
)
{
    /// <summary>Buy minus sell quantity.</summary>
    public decimal Delta => BuyQuantity - SellQuantity;

    /// <summary>Buy minus sell notional.</summary>
    public decimal DeltaQuote => BuyQuote - SellQuote;

    /// <summary>The count of trades in <paramref name="tier"/>.</summary>
    public long Whales(WhaleTier tier) =>
        tier switch
        {
            WhaleTier.Small => Small,
            WhaleTier.Medium => Medium,
            WhaleTier.Large => Large,
            WhaleTier.Whale => Whale,
            _ => 0,
        };

    /// <summary>These totals plus one trade.</summary>
    public FlowTotals Add(decimal quantity, decimal notional, Aggressor aggressor, WhaleTier tier) =>
        new(
            aggressor == Aggressor.Buy ? BuyQuantity + quantity : BuyQuantity,
            aggressor == Aggressor.Sell ? SellQuantity + quantity : SellQuantity,
            aggressor == Aggressor.Buy ? BuyQuote + notional : BuyQuote,
            aggressor == Aggressor.Sell ? SellQuote + notional : SellQuote,
            Trades + 1,
            tier == WhaleTier.Small ? Small + 1 : Small,
            tier == WhaleTier.Medium ? Medium + 1 : Medium,
            tier == WhaleTier.Large ? Large + 1 : Large,
            tier == WhaleTier.Whale ? Whale + 1 : Whale
        );

    /// <summary>The totals of the trades in <paramref name="later"/> but not in <paramref name="earlier"/>.</summary>
    public static FlowTotals operator -(FlowTotals later, FlowTotals earlier) =>
        new(
            later.BuyQuantity - earlier.BuyQuantity,
            later.SellQuantity - earlier.SellQuantity,
            later.BuyQuote - earlier.BuyQuote,
            later.SellQuote - earlier.SellQuote,
            later.Trades - earlier.Trades,
            later.Small - earlier.Small,
            later.Medium - earlier.Medium,
            later.Large - earlier.Large,
            later.Whale - earlier.Whale
        );

    /// <summary>Same as the minus operator.</summary>
    public static FlowTotals Subtract(FlowTotals later, FlowTotals earlier) => later - earlier;
}
