namespace MoneyBot.ExchangeSim.Faults;

/// <summary>
/// The skip-trades fault, counted per symbol: the next N aggregate trades of a symbol are generated
/// (REST serves them) but sent on no websocket, so a client sees its aggTrade ids jump by N and can
/// backfill the hole. Whether anyone is subscribed or not, each trade printed uses up one skip.
/// Thread-safe: the control API adds skips while the market pump uses them up.
/// </summary>
internal sealed class TradeSkips(IEnumerable<string> symbols)
{
    private readonly Dictionary<string, Counter> _counters = symbols.ToDictionary(
        s => s,
        _ => new Counter(),
        StringComparer.OrdinalIgnoreCase
    );

    /// <summary>The symbols, as the markets spell them.</summary>
    public IReadOnlyCollection<string> Symbols => _counters.Keys;

    /// <summary>True when <paramref name="symbol"/> is simulated (any case).</summary>
    public bool Knows(string symbol) => _counters.ContainsKey(symbol);

    /// <summary>Skips <paramref name="count"/> more trades of <paramref name="symbol"/>.</summary>
    public void Add(string symbol, int count) => Interlocked.Add(ref _counters[symbol].Pending, count);

    /// <summary>
    /// Uses up one skip of <paramref name="symbol"/> for the trade just printed; false when none is pending (send it).
    /// </summary>
    public bool TrySkip(string symbol)
    {
        if (!_counters.TryGetValue(symbol, out var counter))
        {
            return false;
        }

        while (true)
        {
            var pending = Interlocked.Read(ref counter.Pending);
            if (pending <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter.Pending, pending - 1, pending) == pending)
            {
                Interlocked.Increment(ref counter.Skipped);
                return true;
            }
        }
    }

    /// <summary>Trades of <paramref name="symbol"/> still to be skipped.</summary>
    public long Pending(string symbol) =>
        _counters.TryGetValue(symbol, out var c) ? Interlocked.Read(ref c.Pending) : 0;

    /// <summary>Trades of <paramref name="symbol"/> skipped since start.</summary>
    public long Skipped(string symbol) =>
        _counters.TryGetValue(symbol, out var c) ? Interlocked.Read(ref c.Skipped) : 0;

    /// <summary>Trades of every symbol skipped since start.</summary>
    public long TotalSkipped => _counters.Values.Sum(c => Interlocked.Read(ref c.Skipped));

    /// <summary>Cancels the skips still pending (the counts of skipped trades stay).</summary>
    public void Clear()
    {
        foreach (var counter in _counters.Values)
        {
            Interlocked.Exchange(ref counter.Pending, 0);
        }
    }

    private sealed class Counter
    {
        public long Pending;
        public long Skipped;
    }
}
