using System.Runtime.InteropServices;

namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// Finds absorption zones (spec section 3). Over the window, trades are bucketed by price; a bucket
/// is a zone when one side's aggressive volume there is at least K x the mean per-bucket volume and
/// at least the minimum notional, while price did not go more than the tolerance beyond the bucket in
/// the aggressors' direction during the window. A zone stays active for its lifetime after it was
/// last confirmed, unless price trades through it by more than the tolerance. Each trade is O(1)
/// amortised plus the (few) active zones; nothing allocates once the tables have grown.
/// </summary>
internal sealed class AbsorptionDetector
{
    private readonly AbsorptionSettings _settings;
    private readonly long _windowMs;
    private readonly long _lifetimeMs;
    private readonly Dictionary<long, Bucket> _buckets = new(256);
    private readonly PriceExtreme _highest = new(highest: true);
    private readonly PriceExtreme _lowest = new(highest: false);
    private readonly Zone[] _zones = new Zone[AbsorptionSettings.MaxZones];
    private int _zoneCount;

    // the bucket size when it is a whole number (the usual case): no decimal division per trade
    private readonly long _wholeBucketSize;
    private decimal _totalQuantity;
    private long _tail;
    private long _oldestLastSeenMs = long.MaxValue;

    // cachedBucket's bounds, narrowed a little so a double comparison is safe (empty at first)
    private double _cachedLow = double.MaxValue;
    private double _cachedHigh = double.MinValue;
    private long _cachedBucket;

    // a trade above this may break an absorbed-BUY zone (the exact check follows)
    private double _lowestBreakAbove = double.MaxValue;
    private double _highestBreakBelow = double.MinValue; // a trade below this may break an absorbed-SELL zone

    public AbsorptionDetector(AbsorptionSettings settings)
    {
        _settings = settings;
        _windowMs = (long)settings.Window.TotalMilliseconds;
        _lifetimeMs = (long)settings.ZoneLifetime.TotalMilliseconds;
        _wholeBucketSize =
            settings.BucketSize == decimal.Truncate(settings.BucketSize) && settings.BucketSize <= long.MaxValue
                ? (long)settings.BucketSize
                : 0;
    }

    /// <summary>Zones found (a zone confirmed again is not counted twice).</summary>
    public long Found { get; private set; }

    /// <summary>Zones ended because price traded through them.</summary>
    public long Broken { get; private set; }

    /// <summary>Zones ended by age.</summary>
    public long Expired { get; private set; }

    /// <summary>
    /// Moves the window to end at <paramref name="nowMs"/>: trades at or before now - window leave it; old zones
    /// expire.
    /// </summary>
    public void AdvanceTo(TradeLedger ledger, long nowMs)
    {
        var cutoff = nowMs - _windowMs;
        _tail = Math.Max(_tail, ledger.Head);
        while (_tail < ledger.End && ledger.At(_tail).TimeMs <= cutoff)
        {
            Remove(in ledger.At(_tail));
            _tail++;
        }

        _highest.DropBefore(_tail);
        _lowest.DropBefore(_tail);
        if (_zoneCount == 0 || nowMs - _oldestLastSeenMs < _lifetimeMs)
        {
            return; // no zone can have expired
        }

        for (var i = _zoneCount - 1; i >= 0; i--)
        {
            if (nowMs - _zones[i].LastSeenMs >= _lifetimeMs)
            {
                RemoveZone(i);
                Expired++;
            }
        }
    }

    /// <summary>The price bucket of <paramref name="price"/>: floor(price / bucket size).</summary>
    public long BucketOf(decimal price, double approximation)
    {
        if (approximation > _cachedLow && approximation < _cachedHigh)
        {
            return _cachedBucket; // prices move little from trade to trade: mostly the last trade's bucket
        }

        _cachedBucket =
            _wholeBucketSize > 0 && price >= 0 && price < long.MaxValue
                ? (long)price / _wholeBucketSize // truncation is the floor for a non-negative price
                : (long)decimal.Floor(price / _settings.BucketSize);

        // Prices near a bound are computed exactly above; the double test only takes the bucket's interior.
        var low = (double)(_cachedBucket * _settings.BucketSize);
        var margin = (double)_settings.BucketSize * 1e-6;
        (_cachedLow, _cachedHigh) = (low + margin, low + (double)_settings.BucketSize - margin);
        return _cachedBucket;
    }

    /// <summary>
    /// Takes the trade just appended at <paramref name="position"/>: zones it breaks end, its bucket may become (or
    /// stay) a zone.
    /// </summary>
    public void Add(long position, in LedgerEntry trade)
    {
        var index = trade.Bucket;
        var notional = trade.Notional;
        ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(_buckets, index, out _);
        bucket.Trades++;
        if (trade.Aggressor == Aggressor.Buy)
        {
            bucket.BuyQuantity += trade.Quantity;
            bucket.BuyQuote += notional;
        }
        else
        {
            bucket.SellQuantity += trade.Quantity;
            bucket.SellQuote += notional;
        }

        _totalQuantity += trade.Quantity;
        _highest.Add(position, trade.Price, trade.PriceApproximation);
        _lowest.Add(position, trade.Price, trade.PriceApproximation);
        if (trade.PriceApproximation >= _lowestBreakAbove || trade.PriceApproximation <= _highestBreakBelow)
        {
            BreakZones(trade.Price);
        }

        Evaluate(index, bucket, trade.Aggressor, trade.TimeMs);
    }

    /// <summary>The zones active at <paramref name="nowMs"/> (not before the last trade), strongest first.</summary>
    public IReadOnlyList<AbsorptionZone> Zones(long nowMs)
    {
        var list = new List<AbsorptionZone>(_zoneCount);
        for (var i = 0; i < _zoneCount; i++)
        {
            ref readonly var z = ref _zones[i];
            if (nowMs - z.LastSeenMs >= _lifetimeMs)
            {
                continue; // expired since the last trade; removed at the next one
            }

            var low = z.Bucket * _settings.BucketSize;
            list.Add(
                new AbsorptionZone(
                    low,
                    low + _settings.BucketSize,
                    z.Side,
                    z.Volume,
                    z.Notional,
                    z.FirstSeenMs,
                    z.LastSeenMs,
                    z.Strength
                )
            );
        }

        list.Sort((a, b) => b.Strength.CompareTo(a.Strength));
        return list;
    }

    private void Remove(in LedgerEntry trade)
    {
        var index = trade.Bucket;
        ref var bucket = ref CollectionsMarshal.GetValueRefOrNullRef(_buckets, index);
        _totalQuantity -= trade.Quantity;
        if (--bucket.Trades == 0)
        {
            _buckets.Remove(index);
            return;
        }

        if (trade.Aggressor == Aggressor.Buy)
        {
            bucket.BuyQuantity -= trade.Quantity;
            bucket.BuyQuote -= trade.Notional;
        }
        else
        {
            bucket.SellQuantity -= trade.Quantity;
            bucket.SellQuote -= trade.Notional;
        }
    }

    private void Evaluate(long index, in Bucket bucket, Aggressor side, long timeMs)
    {
        var volume = side == Aggressor.Buy ? bucket.BuyQuantity : bucket.SellQuantity;
        var quote = side == Aggressor.Buy ? bucket.BuyQuote : bucket.SellQuote;

        // volume >= K x (total / buckets), without dividing.
        if (
            quote < _settings.MinNotional
            || volume * _buckets.Count < _settings.VolumeMultiple * _totalQuantity
            || !PriceHeld(index, side)
        )
        {
            return;
        }

        var strength = decimal.Round(volume * _buckets.Count / _totalQuantity, 4);
        for (var i = 0; i < _zoneCount; i++)
        {
            ref var zone = ref _zones[i];
            if (zone.Bucket == index && zone.Side == side)
            {
                (zone.Volume, zone.Notional, zone.Strength, zone.LastSeenMs) = (volume, quote, strength, timeMs);
                UpdateBreakLevels();
                return;
            }
        }

        if (_zoneCount == _zones.Length)
        {
            RemoveZone(Oldest());
        }

        var low = index * _settings.BucketSize;
        var breakLevel =
            side == Aggressor.Buy
                ? low + _settings.BucketSize + _settings.TolerancePrice
                : low - _settings.TolerancePrice;
        _zones[_zoneCount++] = new Zone
        {
            Bucket = index,
            Side = side,
            Volume = volume,
            Notional = quote,
            Strength = strength,
            FirstSeenMs = timeMs,
            LastSeenMs = timeMs,
            BreakLevel = breakLevel,
        };
        Found++;
        UpdateBreakLevels();
    }

    /// <summary>
    /// Price did not go more than the tolerance beyond the bucket in the aggressors' direction during the window.
    /// </summary>
    private bool PriceHeld(long index, Aggressor side) =>
        side == Aggressor.Buy
            ? _highest.Value <= ((index + 1) * _settings.BucketSize) + _settings.TolerancePrice
            : _lowest.Value >= (index * _settings.BucketSize) - _settings.TolerancePrice;

    private void BreakZones(decimal price)
    {
        for (var i = _zoneCount - 1; i >= 0; i--)
        {
            if (_zones[i].Side == Aggressor.Buy ? price > _zones[i].BreakLevel : price < _zones[i].BreakLevel)
            {
                RemoveZone(i);
                Broken++;
            }
        }
    }

    /// <summary>
    /// The nearest break level on each side (a trade between them, nearly every trade, checks no zone) and the oldest
    /// confirmation.
    /// </summary>
    private void UpdateBreakLevels()
    {
        (_lowestBreakAbove, _highestBreakBelow, _oldestLastSeenMs) = (double.MaxValue, double.MinValue, long.MaxValue);
        for (var i = 0; i < _zoneCount; i++)
        {
            _oldestLastSeenMs = Math.Min(_oldestLastSeenMs, _zones[i].LastSeenMs);
            if (_zones[i].Side == Aggressor.Buy)
            {
                _lowestBreakAbove = Math.Min(_lowestBreakAbove, (double)_zones[i].BreakLevel);
            }
            else
            {
                _highestBreakBelow = Math.Max(_highestBreakBelow, (double)_zones[i].BreakLevel);
            }
        }
    }

    private int Oldest()
    {
        var oldest = 0;
        for (var i = 1; i < _zoneCount; i++)
        {
            if (_zones[i].LastSeenMs < _zones[oldest].LastSeenMs)
            {
                oldest = i;
            }
        }

        return oldest;
    }

    private void RemoveZone(int i)
    {
        _zones[i] = _zones[--_zoneCount];
        UpdateBreakLevels();
    }

    private struct Bucket
    {
        public decimal BuyQuantity;
        public decimal SellQuantity;
        public decimal BuyQuote;
        public decimal SellQuote;
        public long Trades;
    }

    private struct Zone
    {
        public long Bucket;
        public Aggressor Side;
        public decimal Volume;
        public decimal Notional;
        public decimal Strength;
        public long FirstSeenMs;
        public long LastSeenMs;
        public decimal BreakLevel; // absorbed BUY: a trade above it breaks the zone; absorbed SELL: below it
    }
}
