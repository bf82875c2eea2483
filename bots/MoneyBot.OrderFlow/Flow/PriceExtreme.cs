namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// The highest (or lowest) price over a sliding run of ledger positions: a monotonic deque, O(1)
/// amortised per trade, no allocation once grown.
/// </summary>
internal sealed class PriceExtreme(bool highest)
{
    private long[] positions = new long[256];
    private decimal[] prices = new decimal[256];
    private int start;
    private int count;

    /// <summary>The extreme price; null when no position is in range.</summary>
    public decimal? Value => count == 0 ? null : prices[start];

    /// <summary>Adds the price of a newer position.</summary>
    public void Add(long position, decimal price)
    {
        // Anything not better than the new price can never be the extreme again.
        while (count > 0 && (highest ? prices[Back] <= price : prices[Back] >= price))
        {
            count--;
        }

        if (count == positions.Length)
        {
            Grow();
        }

        var slot = (start + count) % positions.Length;
        positions[slot] = position;
        prices[slot] = price;
        count++;
    }

    /// <summary>Forgets the positions before <paramref name="firstKept"/>.</summary>
    public void DropBefore(long firstKept)
    {
        while (count > 0 && positions[start] < firstKept)
        {
            start = (start + 1) % positions.Length;
            count--;
        }
    }

    private int Back => (start + count - 1) % positions.Length;

    private void Grow()
    {
        var newPositions = new long[positions.Length * 2];
        var newPrices = new decimal[positions.Length * 2];
        for (var i = 0; i < count; i++)
        {
            newPositions[i] = positions[(start + i) % positions.Length];
            newPrices[i] = prices[(start + i) % positions.Length];
        }

        (positions, prices, start) = (newPositions, newPrices, 0);
    }
}
