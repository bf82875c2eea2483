namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// The live order-flow metrics of one symbol, maintained incrementally trade by trade in exchange
/// time (spec sections 2 and 3). Trades go in through <see cref="Apply"/> in aggregate-id order; a
/// query is taken at any moment not before the newest trade (later when the feed is stale, so old
/// data ages out). Not thread-safe: one writer, and readers under the owner's lock.
/// </summary>
public sealed class SymbolFlow
{
    private readonly FlowSettings settings;
    private readonly long retentionMs;
    private readonly TradeLedger ledger = new();
    private readonly CvdTracker cvd;
    private readonly AbsorptionDetector absorption;
    private readonly WhaleLog whales = new();
    private long duplicates;
    private long outOfOrder;
    private long gaps;
    private long missed;

    /// <summary>Creates the metrics of <paramref name="symbol"/>.</summary>
    public SymbolFlow(string symbol, FlowSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        Symbol = symbol.ToUpperInvariant();
        this.settings = (settings ?? FlowSettings.Default).Validate();
        retentionMs = (long)this.settings.Retention.TotalMilliseconds;
        cvd = new CvdTracker(this.settings.SessionAnchor);
        absorption = new AbsorptionDetector(this.settings.Absorption);
    }

    /// <summary>Symbol, upper case.</summary>
    public string Symbol { get; }

    /// <summary>The settings in use.</summary>
    public FlowSettings Settings => settings;

    /// <summary>Exchange time of the newest trade applied; null before the first.</summary>
    public long? NewestTradeMs { get; private set; }

    /// <summary>Id of the last trade applied; null before the first.</summary>
    public long? LastId { get; private set; }

    /// <summary>The trades are complete from this exchange time on; null before the first trade.</summary>
    public long? CoveredFromMs { get; private set; }

    /// <summary>Trades applied.</summary>
    public long Trades => ledger.Running.Trades;

    /// <summary>The last book imbalance.</summary>
    public BookImbalance? Book { get; private set; }

    /// <summary>
    /// Applies the next trade. An id not above the last is a duplicate and skipped; an id beyond the
    /// next expected one is applied, counted as a gap, and restarts the covered history. A time earlier
    /// than the newest trade's (Binance's ids and times rise together, so only a broken source does it)
    /// is counted and taken as the newest time. O(1) amortised; no allocation in steady state.
    /// </summary>
    public ApplyOutcome Apply(in Trade trade)
    {
        if (LastId is { } last && trade.Id <= last)
        {
            duplicates++;
            return ApplyOutcome.Duplicate;
        }

        var outcome = ApplyOutcome.Applied;
        var time = trade.TimeMs;
        if (NewestTradeMs is not { } newest)
        {
            CoveredFromMs = time;
        }
        else
        {
            if (time < newest)
            {
                outOfOrder++;
                time = newest;
            }

            if (LastId is { } previous && trade.Id > previous + 1)
            {
                gaps++;
                missed += trade.Id - previous - 1;
                CoveredFromMs = time; // the window before this trade has a hole
                outcome = ApplyOutcome.AppliedAfterGap;
            }
        }

        NewestTradeMs = time;
        LastId = trade.Id;
        absorption.AdvanceTo(ledger, time);
        ledger.EvictThrough(time - retentionMs); // the absorption window is within the retention: it moved first
        whales.EvictThrough(time - retentionMs);

        var notional = trade.Price * trade.Quantity;
        var tier = settings.Tiers.Classify(notional);
        var approximation = (double)trade.Price;
        var position = ledger.Append(time, trade.Price, approximation, trade.Quantity, notional, trade.Aggressor, tier, absorption.BucketOf(trade.Price, approximation));
        absorption.Add(position, in ledger.At(position));
        cvd.Apply(time, trade.Aggressor == Aggressor.Buy ? trade.Quantity : -trade.Quantity);
        if (tier != WhaleTier.None)
        {
            whales.Add(new WhaleTrade(trade.Id, time, trade.Price, trade.Quantity, notional, trade.Aggressor, tier));
        }

        return outcome;
    }

    /// <summary>Takes a new order-book snapshot.</summary>
    public void ApplyBook(BookImbalance book) => Book = book ?? throw new ArgumentNullException(nameof(book));

    /// <summary>The moment queries default to: the newest trade time (0 before any).</summary>
    public long NowMs => NewestTradeMs ?? 0;

    /// <summary>Totals over (now - <paramref name="window"/>, now] at <paramref name="nowMs"/> (not before the newest trade).</summary>
    public FlowTotals Window(TimeSpan window, long nowMs) => ledger.Window(Math.Max(nowMs, NowMs), CheckWindow(window));

    /// <summary>True when every trade of (now - <paramref name="window"/>, now] is known.</summary>
    public bool Covers(TimeSpan window, long nowMs) => CoveredFromMs is { } from && Math.Max(nowMs, NowMs) - (long)window.TotalMilliseconds >= from;

    /// <summary>Pressure over the pressure window at <paramref name="nowMs"/>.</summary>
    public Pressure Pressure(long nowMs) => Flow.Pressure.From(Window(settings.PressureWindow, nowMs), settings);

    /// <summary>CVD at <paramref name="nowMs"/>.</summary>
    public decimal Cvd(long nowMs) => cvd.ValueAt(Math.Max(nowMs, NowMs));

    /// <summary>CVD slope at <paramref name="nowMs"/>; null while fewer than 6 one-minute bars exist.</summary>
    public decimal? CvdSlope(long nowMs) => cvd.Slope(Math.Max(nowMs, NowMs));

    /// <summary>The slope against the epsilon.</summary>
    public CvdTrend Trend(decimal? slope) =>
        slope is not { } s ? CvdTrend.Unknown : s > settings.SlopeEpsilon ? CvdTrend.Rising : s < -settings.SlopeEpsilon ? CvdTrend.Falling : CvdTrend.Flat;

    /// <summary>The one-minute CVD bars kept (24 h at most), oldest first.</summary>
    public IReadOnlyList<CvdBar> CvdBars()
    {
        var list = new CvdBar[cvd.BarCount];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = cvd.Bar(i);
        }

        return list;
    }

    /// <summary>Zones active at <paramref name="nowMs"/>, strongest first.</summary>
    public IReadOnlyList<AbsorptionZone> Zones(long nowMs) => absorption.Zones(Math.Max(nowMs, NowMs));

    /// <summary>Whale trades of the retention period at or above <paramref name="minimum"/>, newest first.</summary>
    public IReadOnlyList<WhaleTrade> RecentWhales(long nowMs, WhaleTier minimum = WhaleTier.Small, int limit = 100) =>
        whales.Recent(Math.Max(nowMs, NowMs) - retentionMs, minimum, limit);

    /// <summary>The counters.</summary>
    public FlowCounters Counters => new(Trades, duplicates, outOfOrder, gaps, missed, absorption.Found, absorption.Broken, absorption.Expired);

    /// <summary>Every metric at <paramref name="nowMs"/> (not before the newest trade) with the <paramref name="windows"/> asked for.</summary>
    public FlowSnapshot Snapshot(long nowMs, IReadOnlyList<TimeSpan>? windows = null)
    {
        var now = Math.Max(nowMs, NowMs);
        var figures = (windows ?? FlowSettings.StandardWindows).Order().Select(w => new WindowFigures(w, Window(w, now), Covers(w, now))).ToList();
        var slope = CvdSlope(now);
        return new FlowSnapshot
        {
            Symbol = Symbol,
            TimeMs = now,
            NewestTradeMs = NewestTradeMs,
            CoveredFromMs = CoveredFromMs,
            Windows = figures,
            Cvd = Cvd(now),
            CvdSinceMs = cvd.SinceAt(now),
            CvdSlope = slope,
            CvdTrend = Trend(slope),
            Pressure = Pressure(now),
            Book = Book,
            Zones = Zones(now),
            RecentWhales = RecentWhales(now),
            Counters = Counters,
        };
    }

    private long CheckWindow(TimeSpan window)
    {
        var ms = (long)window.TotalMilliseconds;
        return ms > 0 && ms <= retentionMs
            ? ms
            : throw new ArgumentOutOfRangeException(nameof(window), window, $"A window must be above 0 and at most the retention ({settings.Retention}).");
    }
}
