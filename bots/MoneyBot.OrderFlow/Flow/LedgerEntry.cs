namespace MoneyBot.OrderFlow.Flow;

/// <summary>One trade in the <see cref="TradeLedger"/>, with the running totals up to and including it.</summary>
internal struct LedgerEntry
{
    public long TimeMs;
    public decimal Price;
    public decimal Quantity;
    public Aggressor Aggressor;
    public FlowTotals Running;
}
