using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// The whale trades of one symbol grouped into one alert: running totals of every trade, and the
/// largest few kept for the listing. Not thread-safe (<see cref="WhaleAlerts"/> holds its lock).
/// </summary>
internal sealed class WhaleBurst
{
    private readonly WhaleTrade[] _listed;
    private int _listedCount;

    public WhaleBurst(string symbol, int maxListed)
    {
        Symbol = symbol;
        _listed = new WhaleTrade[maxListed];
    }

    public string Symbol { get; }

    /// <summary>The timer that closes the burst (null for a tally of held bursts).</summary>
    public ITimer? Timer { get; set; }

    /// <summary>Bursts merged into this one (1 for a burst; the held ones for a tally).</summary>
    public int Bursts { get; private set; } = 1;

    public int Count { get; private set; }

    public int BuyCount { get; private set; }

    public decimal BuyNotional { get; private set; }

    public decimal SellNotional { get; private set; }

    public decimal LowPrice { get; private set; } = decimal.MaxValue;

    public decimal HighPrice { get; private set; } = decimal.MinValue;

    public long FirstTimeMs { get; private set; } = long.MaxValue;

    public long LastTimeMs { get; private set; } = long.MinValue;

    public WhaleTrade Largest { get; private set; }

    public int SellCount => Count - BuyCount;

    /// <summary>The trades kept for the listing (the largest ones), oldest first.</summary>
    public IReadOnlyList<WhaleTrade> Listed =>
        [.. _listed.AsSpan(0, _listedCount).ToArray().OrderBy(t => t.TimeMs).ThenBy(t => t.Id)];

    public void Add(in WhaleTrade trade)
    {
        Count++;
        if (trade.Side == Aggressor.Buy)
        {
            BuyCount++;
            BuyNotional += trade.Notional;
        }
        else
        {
            SellNotional += trade.Notional;
        }

        LowPrice = Math.Min(LowPrice, trade.Price);
        HighPrice = Math.Max(HighPrice, trade.Price);
        FirstTimeMs = Math.Min(FirstTimeMs, trade.TimeMs);
        LastTimeMs = Math.Max(LastTimeMs, trade.TimeMs);
        if (Count == 1 || trade.Notional > Largest.Notional)
        {
            Largest = trade;
        }

        Keep(trade);
    }

    /// <summary>Adds the totals of <paramref name="other"/> (a burst that was held back) to this tally.</summary>
    public void Merge(WhaleBurst other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0 || other.Largest.Notional > Largest.Notional)
        {
            Largest = other.Largest;
        }

        Bursts = Count == 0 ? other.Bursts : Bursts + other.Bursts;
        Count += other.Count;
        BuyCount += other.BuyCount;
        BuyNotional += other.BuyNotional;
        SellNotional += other.SellNotional;
        LowPrice = Math.Min(LowPrice, other.LowPrice);
        HighPrice = Math.Max(HighPrice, other.HighPrice);
        FirstTimeMs = Math.Min(FirstTimeMs, other.FirstTimeMs);
        LastTimeMs = Math.Max(LastTimeMs, other.LastTimeMs);
    }

    // Keeps the largest trades: a full list gives up its smallest for a larger one.
    private void Keep(in WhaleTrade trade)
    {
        if (_listed.Length == 0)
        {
            return;
        }

        if (_listedCount < _listed.Length)
        {
            _listed[_listedCount++] = trade;
            return;
        }

        var smallest = 0;
        for (var i = 1; i < _listedCount; i++)
        {
            if (_listed[i].Notional < _listed[smallest].Notional)
            {
                smallest = i;
            }
        }

        if (trade.Notional > _listed[smallest].Notional)
        {
            _listed[smallest] = trade;
        }
    }
}
