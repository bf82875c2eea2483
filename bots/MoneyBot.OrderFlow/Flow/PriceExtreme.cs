namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// The highest (or lowest) price over a sliding run of ledger positions: a monotonic deque, O(1)
/// amortised per trade, no allocation once grown (a power-of-two ring, so no division per trade).
/// </summary>
internal sealed class PriceExtreme(bool highest)
{
    private long[] _positions = new long[256];
    private decimal[] _prices = new decimal[256];

    // the same prices as doubles: cheap comparisons, decimals only to break a tie
    private double[] _approximations = new double[256];
    private int _mask = 255;
    private int _start;
    private int _count;

    /// <summary>The extreme price; null when no position is in range.</summary>
    public decimal? Value => _count == 0 ? null : _prices[_start];

    /// <summary>Adds the price of a newer position.</summary>
    public void Add(long position, decimal price, double approximation)
    {
        // Anything not better than the new price can never be the extreme again. The double conversion keeps
        // the order (it is monotonic), so only equal doubles need the exact decimal comparison.
        while (_count > 0)
        {
            var back = (_start + _count - 1) & _mask;
            var a = _approximations[back];
            var notBetter = highest
                ? a < approximation || (a == approximation && _prices[back] <= price)
                : a > approximation || (a == approximation && _prices[back] >= price);
            if (!notBetter)
            {
                break;
            }

            _count--;
        }

        if (_count == _positions.Length)
        {
            Grow();
        }

        var slot = (_start + _count) & _mask;
        _positions[slot] = position;
        _prices[slot] = price;
        _approximations[slot] = approximation;
        _count++;
    }

    /// <summary>Forgets the positions before <paramref name="firstKept"/>.</summary>
    public void DropBefore(long firstKept)
    {
        while (_count > 0 && _positions[_start] < firstKept)
        {
            _start = (_start + 1) & _mask;
            _count--;
        }
    }

    private void Grow()
    {
        var newPositions = new long[_positions.Length * 2];
        var newPrices = new decimal[_positions.Length * 2];
        var newApproximations = new double[_positions.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            newPositions[i] = _positions[(_start + i) & _mask];
            newPrices[i] = _prices[(_start + i) & _mask];
            newApproximations[i] = _approximations[(_start + i) & _mask];
        }

        (_positions, _prices, _approximations, _start, _mask) = (
            newPositions,
            newPrices,
            newApproximations,
            0,
            newPositions.Length - 1
        );
    }
}
