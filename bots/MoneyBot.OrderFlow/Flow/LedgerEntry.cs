namespace MoneyBot.OrderFlow.Flow;

/// <summary>One trade in the <see cref="TradeLedger"/>, with the running totals up to and including it.</summary>
internal struct LedgerEntry
{
    public long TimeMs;
    public decimal Price;
    public double PriceApproximation; // Price as a double, for cheap order comparisons
    public decimal Quantity;
    public decimal Notional;
    public long Bucket; // absorption price bucket, computed once
    public Aggressor Aggressor;
    public FlowTotals Running;
}
