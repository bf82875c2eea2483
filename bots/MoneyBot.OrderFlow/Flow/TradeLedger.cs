namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// The retained trades of one symbol in exchange-time order, each with the running totals up to it:
/// the totals over any window (t - W, t] are the difference of two running totals, found by binary
/// search, so adding a trade is O(1) amortised and no window ever rescans trades. A ring buffer
/// addressed by absolute positions (the n-th trade ever added is at position n) that grows by doubling
/// and never allocates in steady state.
/// </summary>
internal sealed class TradeLedger
{
    private LedgerEntry[] _entries = new LedgerEntry[1024];
    private long _mask = 1023;
    private FlowTotals _evicted; // running totals just before the oldest retained trade

    /// <summary>Position of the oldest retained trade.</summary>
    public long Head { get; private set; }

    /// <summary>Position the next trade will take.</summary>
    public long End { get; private set; }

    /// <summary>Retained trades.</summary>
    public long Count => End - Head;

    /// <summary>Totals over every trade added so far.</summary>
    public FlowTotals Running => Count == 0 ? _evicted : _entries[(End - 1) & _mask].Running;

    /// <summary>The trade at <paramref name="position"/> (between <see cref="Head"/> and <see cref="End"/>).</summary>
    public ref readonly LedgerEntry At(long position) => ref _entries[position & _mask];

    /// <summary>
    /// Adds a trade at <paramref name="timeMs"/>, which must not be earlier than the newest; returns its position.
    /// </summary>
    public long Append(
        long timeMs,
        decimal price,
        double priceApproximation,
        decimal quantity,
        decimal notional,
        Aggressor aggressor,
        WhaleTier tier,
        long bucket
    )
    {
        if (Count == _entries.Length)
        {
            Grow();
        }

        ref readonly var previous = ref Count == 0 ? ref _evicted : ref _entries[(End - 1) & _mask].Running;
        ref var entry = ref _entries[End & _mask];
        entry.Running = previous.Add(quantity, notional, aggressor, tier);
        entry.TimeMs = timeMs;
        entry.Price = price;
        entry.PriceApproximation = priceApproximation;
        entry.Quantity = quantity;
        entry.Notional = notional;
        entry.Bucket = bucket;
        entry.Aggressor = aggressor;
        return End++;
    }

    /// <summary>Drops the trades with a time at or before <paramref name="cutoffMs"/>.</summary>
    public void EvictThrough(long cutoffMs)
    {
        var head = Head;
        while (head < End && _entries[head & _mask].TimeMs <= cutoffMs)
        {
            head++;
        }

        if (head != Head)
        {
            _evicted = _entries[(head - 1) & _mask].Running; // one copy, however many left
            Head = head;
        }
    }

    /// <summary>
    /// The first retained position whose trade is later than <paramref name="timeMs"/> (<see cref="End"/> if none).
    /// </summary>
    public long FirstAfter(long timeMs)
    {
        long low = Head,
            high = End;
        while (low < high)
        {
            var middle = low + ((high - low) >> 1);
            if (_entries[middle & _mask].TimeMs > timeMs)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>
    /// Totals of the trades with a time in (<paramref name="nowMs"/> - <paramref name="windowMs"/>, <paramref
    /// name="nowMs"/>].
    /// </summary>
    public FlowTotals Window(long nowMs, long windowMs)
    {
        var first = FirstAfter(nowMs - windowMs);
        var last = FirstAfter(nowMs); // trades after "now" (a query for an earlier moment) are left out
        return RunningBefore(last) - RunningBefore(first);
    }

    private FlowTotals RunningBefore(long position) =>
        position == Head ? _evicted : _entries[(position - 1) & _mask].Running;

    private void Grow()
    {
        var bigger = new LedgerEntry[_entries.Length * 2];
        var biggerMask = bigger.Length - 1L;
        for (var p = Head; p < End; p++)
        {
            bigger[p & biggerMask] = _entries[p & _mask];
        }

        (_entries, _mask) = (bigger, biggerMask);
    }
}
