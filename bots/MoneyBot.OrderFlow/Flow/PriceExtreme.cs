namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// The highest (or lowest) price over a sliding run of ledger positions: a monotonic deque, O(1)
/// amortised per trade, no allocation once grown (a power-of-two ring, so no division per trade).
/// </summary>
internal sealed class PriceExtreme(bool highest)
{
    private long[] positions = new long[256];
    private decimal[] prices = new decimal[256];
    private double[] approximations = new double[256]; // the same prices as doubles: cheap comparisons, decimals only to break a tie
    private int mask = 255;
    private int start;
    private int count;

    /// <summary>The extreme price; null when no position is in range.</summary>
    public decimal? Value => count == 0 ? null : prices[start];

    /// <summary>Adds the price of a newer position.</summary>
    public void Add(long position, decimal price, double approximation)
    {
        // Anything not better than the new price can never be the extreme again. The double conversion keeps
        // the order (it is monotonic), so only equal doubles need the exact decimal comparison.
        while (count > 0)
        {
            var back = (start + count - 1) & mask;
            var a = approximations[back];
            var notBetter = highest
                ? a < approximation || (a == approximation && prices[back] <= price)
                : a > approximation || (a == approximation && prices[back] >= price);
            if (!notBetter)
            {
                break;
            }

            count--;
        }

        if (count == positions.Length)
        {
            Grow();
        }

        var slot = (start + count) & mask;
        positions[slot] = position;
        prices[slot] = price;
        approximations[slot] = approximation;
        count++;
    }

    /// <summary>Forgets the positions before <paramref name="firstKept"/>.</summary>
    public void DropBefore(long firstKept)
    {
        while (count > 0 && positions[start] < firstKept)
        {
            start = (start + 1) & mask;
            count--;
        }
    }

    private void Grow()
    {
        var newPositions = new long[positions.Length * 2];
        var newPrices = new decimal[positions.Length * 2];
        var newApproximations = new double[positions.Length * 2];
        for (var i = 0; i < count; i++)
        {
            newPositions[i] = positions[(start + i) & mask];
            newPrices[i] = prices[(start + i) & mask];
            newApproximations[i] = approximations[(start + i) & mask];
        }

        (positions, prices, approximations, start, mask) = (newPositions, newPrices, newApproximations, 0, newPositions.Length - 1);
    }
}
