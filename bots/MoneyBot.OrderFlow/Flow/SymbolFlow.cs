namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// The live order-flow metrics of one symbol, maintained incrementally trade by trade in exchange
/// time (spec sections 2 and 3). Trades go in through <see cref="Apply"/> in aggregate-id order; a
/// query is taken at any moment not before the newest trade (later when the feed is stale, so old
/// data ages out). Not thread-safe: one writer, and readers under the owner's lock.
/// </summary>
public sealed class SymbolFlow
{
    private readonly FlowSettings _settings;
    private readonly long _retentionMs;
    private readonly TradeLedger _ledger = new();
    private readonly CvdTracker _cvd;
    private readonly AbsorptionDetector _absorption;
    private readonly WhaleLog _whales = new();
    private long _duplicates;
    private long _outOfOrder;
    private long _gaps;
    private long _missed;

    /// <summary>Creates the metrics of <paramref name="symbol"/>.</summary>
    public SymbolFlow(string symbol, FlowSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        Symbol = symbol.ToUpperInvariant();
        _settings = (settings ?? FlowSettings.Default).Validate();
        _retentionMs = (long)_settings.Retention.TotalMilliseconds;
        _cvd = new CvdTracker(_settings.SessionAnchor);
        _absorption = new AbsorptionDetector(_settings.Absorption);
    }

    /// <summary>Symbol, upper case.</summary>
    public string Symbol { get; }

    /// <summary>The settings in use.</summary>
    public FlowSettings Settings => _settings;

    /// <summary>Exchange time of the newest trade applied; null before the first.</summary>
    public long? NewestTradeMs { get; private set; }

    /// <summary>Id of the last trade applied; null before the first.</summary>
    public long? LastId { get; private set; }

    /// <summary>The trades are complete from this exchange time on; null before the first trade.</summary>
    public long? CoveredFromMs { get; private set; }

    /// <summary>Trades applied.</summary>
    public long Trades => _ledger.Running.Trades;

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
            _duplicates++;
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
                _outOfOrder++;
                time = newest;
            }

            if (LastId is { } previous && trade.Id > previous + 1)
            {
                _gaps++;
                _missed += trade.Id - previous - 1;
                CoveredFromMs = time; // the window before this trade has a hole
                outcome = ApplyOutcome.AppliedAfterGap;
            }
        }

        NewestTradeMs = time;
        LastId = trade.Id;
        _absorption.AdvanceTo(_ledger, time);
        _ledger.EvictThrough(time - _retentionMs); // the absorption window is within the retention: it moved first
        _whales.EvictThrough(time - _retentionMs);

        var notional = trade.Price * trade.Quantity;
        var tier = _settings.Tiers.Classify(notional);
        var approximation = (double)trade.Price;
        var position = _ledger.Append(
            time,
            trade.Price,
            approximation,
            trade.Quantity,
            notional,
            trade.Aggressor,
            tier,
            _absorption.BucketOf(trade.Price, approximation)
        );
        _absorption.Add(position, in _ledger.At(position));
        _cvd.Apply(time, trade.Aggressor == Aggressor.Buy ? trade.Quantity : -trade.Quantity);
        if (tier != WhaleTier.None)
        {
            _whales.Add(new WhaleTrade(trade.Id, time, trade.Price, trade.Quantity, notional, trade.Aggressor, tier));
        }

        return outcome;
    }

    /// <summary>Takes a new order-book snapshot.</summary>
    public void ApplyBook(BookImbalance book) => Book = book ?? throw new ArgumentNullException(nameof(book));

    /// <summary>The moment queries default to: the newest trade time (0 before any).</summary>
    public long NowMs => NewestTradeMs ?? 0;

    /// <summary>
    /// Totals over (now - <paramref name="window"/>, now] at <paramref name="nowMs"/> (not before the newest trade).
    /// </summary>
    public FlowTotals Window(TimeSpan window, long nowMs) =>
        _ledger.Window(Math.Max(nowMs, NowMs), CheckWindow(window));

    /// <summary>True when every trade of (now - <paramref name="window"/>, now] is known.</summary>
    public bool Covers(TimeSpan window, long nowMs) =>
        CoversFrom(Math.Max(nowMs, NowMs) - (long)window.TotalMilliseconds);

    /// <summary>
    /// True when every trade after <paramref name="startMs"/> is known: a window or bucket (start, end] is covered.
    /// </summary>
    public bool CoversFrom(long startMs) => CoveredFromMs is { } from && startMs >= from;

    /// <summary>Pressure over the pressure window at <paramref name="nowMs"/>.</summary>
    public Pressure Pressure(long nowMs) => Flow.Pressure.From(Window(_settings.PressureWindow, nowMs), _settings);

    /// <summary>CVD at <paramref name="nowMs"/>.</summary>
    public decimal Cvd(long nowMs) => _cvd.ValueAt(Math.Max(nowMs, NowMs));

    /// <summary>Since when the CVD at <paramref name="nowMs"/> counts; null before the first trade.</summary>
    public long? CvdSince(long nowMs) => _cvd.SinceAt(Math.Max(nowMs, NowMs));

    /// <summary>CVD slope at <paramref name="nowMs"/>; null while fewer than 6 one-minute bars exist.</summary>
    public decimal? CvdSlope(long nowMs) => _cvd.Slope(Math.Max(nowMs, NowMs));

    /// <summary>The slope against the epsilon.</summary>
    public CvdTrend Trend(decimal? slope) =>
        slope is not { } s ? CvdTrend.Unknown
        : s > _settings.SlopeEpsilon ? CvdTrend.Rising
        : s < -_settings.SlopeEpsilon ? CvdTrend.Falling
        : CvdTrend.Flat;

    /// <summary>The one-minute CVD bars kept (24 h at most), oldest first.</summary>
    public IReadOnlyList<CvdBar> CvdBars()
    {
        var list = new CvdBar[_cvd.BarCount];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = _cvd.Bar(i);
        }

        return list;
    }

    /// <summary>Zones active at <paramref name="nowMs"/>, strongest first.</summary>
    public IReadOnlyList<AbsorptionZone> Zones(long nowMs) => _absorption.Zones(Math.Max(nowMs, NowMs));

    /// <summary>Whale trades of the retention period at or above <paramref name="minimum"/>, newest first.</summary>
    public IReadOnlyList<WhaleTrade> RecentWhales(long nowMs, WhaleTier minimum = WhaleTier.Small, int limit = 100) =>
        _whales.Recent(Math.Max(nowMs, NowMs) - _retentionMs, minimum, limit);

    /// <summary>The counters.</summary>
    public FlowCounters Counters =>
        new(
            Trades,
            _duplicates,
            _outOfOrder,
            _gaps,
            _missed,
            _absorption.Found,
            _absorption.Broken,
            _absorption.Expired
        );

    /// <summary>
    /// Every metric at <paramref name="nowMs"/> (not before the newest trade) with the <paramref name="windows"/> asked
    /// for.
    /// </summary>
    public FlowSnapshot Snapshot(long nowMs, IReadOnlyList<TimeSpan>? windows = null)
    {
        var now = Math.Max(nowMs, NowMs);
        var figures = (windows ?? FlowSettings.StandardWindows)
            .Order()
            .Select(w => new WindowFigures(w, Window(w, now), Covers(w, now)))
            .ToList();
        var slope = CvdSlope(now);
        return new FlowSnapshot
        {
            Symbol = Symbol,
            TimeMs = now,
            NewestTradeMs = NewestTradeMs,
            CoveredFromMs = CoveredFromMs,
            Windows = figures,
            Cvd = Cvd(now),
            CvdSinceMs = CvdSince(now),
            CvdSlope = slope,
            CvdTrend = Trend(slope),
            Pressure = Pressure(now),
            Book = Book,
            Zones = Zones(now),
            RecentWhales = RecentWhales(now),
            Counters = Counters,
        };
    }

    /// <summary>
    /// The series at <paramref name="nowMs"/> (not before the newest trade): the floor(retention / <paramref
    /// name="bucket"/>) consecutive buckets (end - bucket, end] with end = now - k * bucket, oldest first, each the
    /// difference of two running totals as in <see cref="Window"/>; the CVD; and the newest <paramref name="bars"/>
    /// one-minute CVD bars of the current session. The bucket is at least <see cref="FlowSeries.SmallestBucket"/>
    /// (at most 900 buckets) and at most the retention; <paramref name="bars"/> is 1 to 1440.
    /// </summary>
    public FlowSeries Series(long nowMs, TimeSpan bucket, int bars)
    {
        var now = Math.Max(nowMs, NowMs);
        var bucketMs = CheckWindow(bucket);
        if (TimeSpan.FromMilliseconds(bucketMs) < FlowSeries.SmallestBucket(_settings.Retention))
        {
            throw new ArgumentOutOfRangeException(
                nameof(bucket),
                bucket,
                $"A bucket must be at least the retention ({_settings.Retention}) / {FlowSeries.MaxBuckets}."
            );
        }

        var count = _retentionMs / bucketMs;

        ArgumentOutOfRangeException.ThrowIfLessThan(bars, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bars, CvdTracker.BarCapacity);
        var delta = new DeltaBucket[count];
        for (var i = 0; i < delta.Length; i++)
        {
            var end = now - ((count - 1 - i) * bucketMs);
            delta[i] = new DeltaBucket(end - bucketMs, end, _ledger.Window(end, bucketMs), CoversFrom(end - bucketMs));
        }

        return new FlowSeries
        {
            Symbol = Symbol,
            TimeMs = now,
            CoveredFromMs = CoveredFromMs,
            Bucket = TimeSpan.FromMilliseconds(bucketMs),
            Delta = delta,
            Cvd = Cvd(now),
            CvdSinceMs = CvdSince(now),
            CvdBars = _cvd.SessionBars(now, bars),
        };
    }

    private long CheckWindow(TimeSpan window)
    {
        var ms = (long)window.TotalMilliseconds;
        return ms > 0 && ms <= _retentionMs
            ? ms
            : throw new ArgumentOutOfRangeException(
                nameof(window),
                window,
                $"A window must be above 0 and at most the retention ({_settings.Retention})."
            );
    }
}
