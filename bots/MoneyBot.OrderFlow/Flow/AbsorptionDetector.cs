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
    private readonly AbsorptionSettings settings;
    private readonly long windowMs;
    private readonly long lifetimeMs;
    private readonly Dictionary<long, Bucket> buckets = new(256);
    private readonly PriceExtreme highest = new(highest: true);
    private readonly PriceExtreme lowest = new(highest: false);
    private readonly Zone[] zones = new Zone[AbsorptionSettings.MaxZones];
    private int zoneCount;
    private readonly long wholeBucketSize; // the bucket size when it is a whole number (the usual case): no decimal division per trade
    private decimal totalQuantity;
    private long tail;
    private long oldestLastSeenMs = long.MaxValue;
    private double cachedLow = double.MaxValue; // cachedBucket's bounds, narrowed a little so a double comparison is safe (empty at first)
    private double cachedHigh = double.MinValue;
    private long cachedBucket;
    private double lowestBreakAbove = double.MaxValue;  // a trade above this may break an absorbed-BUY zone (the exact check follows)
    private double highestBreakBelow = double.MinValue; // a trade below this may break an absorbed-SELL zone

    public AbsorptionDetector(AbsorptionSettings settings)
    {
        this.settings = settings;
        windowMs = (long)settings.Window.TotalMilliseconds;
        lifetimeMs = (long)settings.ZoneLifetime.TotalMilliseconds;
        wholeBucketSize = settings.BucketSize == decimal.Truncate(settings.BucketSize) && settings.BucketSize <= long.MaxValue ? (long)settings.BucketSize : 0;
    }

    /// <summary>Zones found (a zone confirmed again is not counted twice).</summary>
    public long Found { get; private set; }

    /// <summary>Zones ended because price traded through them.</summary>
    public long Broken { get; private set; }

    /// <summary>Zones ended by age.</summary>
    public long Expired { get; private set; }

    /// <summary>Moves the window to end at <paramref name="nowMs"/>: trades at or before now - window leave it; old zones expire.</summary>
    public void AdvanceTo(TradeLedger ledger, long nowMs)
    {
        var cutoff = nowMs - windowMs;
        tail = Math.Max(tail, ledger.Head);
        while (tail < ledger.End && ledger.At(tail).TimeMs <= cutoff)
        {
            Remove(in ledger.At(tail));
            tail++;
        }

        highest.DropBefore(tail);
        lowest.DropBefore(tail);
        if (zoneCount == 0 || nowMs - oldestLastSeenMs < lifetimeMs)
        {
            return; // no zone can have expired
        }

        for (var i = zoneCount - 1; i >= 0; i--)
        {
            if (nowMs - zones[i].LastSeenMs >= lifetimeMs)
            {
                RemoveZone(i);
                Expired++;
            }
        }
    }

    /// <summary>The price bucket of <paramref name="price"/>: floor(price / bucket size).</summary>
    public long BucketOf(decimal price, double approximation)
    {
        if (approximation > cachedLow && approximation < cachedHigh)
        {
            return cachedBucket; // prices move little from trade to trade: mostly the last trade's bucket
        }

        cachedBucket = wholeBucketSize > 0 && price >= 0 && price < long.MaxValue
            ? (long)price / wholeBucketSize // truncation is the floor for a non-negative price
            : (long)decimal.Floor(price / settings.BucketSize);

        // Prices near a bound are computed exactly above; the double test only takes the bucket's interior.
        var low = (double)(cachedBucket * settings.BucketSize);
        var margin = (double)settings.BucketSize * 1e-6;
        (cachedLow, cachedHigh) = (low + margin, low + (double)settings.BucketSize - margin);
        return cachedBucket;
    }

    /// <summary>Takes the trade just appended at <paramref name="position"/>: zones it breaks end, its bucket may become (or stay) a zone.</summary>
    public void Add(long position, in LedgerEntry trade)
    {
        var index = trade.Bucket;
        var notional = trade.Notional;
        ref var bucket = ref CollectionsMarshal.GetValueRefOrAddDefault(buckets, index, out _);
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

        totalQuantity += trade.Quantity;
        highest.Add(position, trade.Price, trade.PriceApproximation);
        lowest.Add(position, trade.Price, trade.PriceApproximation);
        if (trade.PriceApproximation >= lowestBreakAbove || trade.PriceApproximation <= highestBreakBelow)
        {
            BreakZones(trade.Price);
        }

        Evaluate(index, bucket, trade.Aggressor, trade.TimeMs);
    }

    /// <summary>The zones active at <paramref name="nowMs"/> (not before the last trade), strongest first.</summary>
    public IReadOnlyList<AbsorptionZone> Zones(long nowMs)
    {
        var list = new List<AbsorptionZone>(zoneCount);
        for (var i = 0; i < zoneCount; i++)
        {
            ref readonly var z = ref zones[i];
            if (nowMs - z.LastSeenMs >= lifetimeMs)
            {
                continue; // expired since the last trade; removed at the next one
            }

            var low = z.Bucket * settings.BucketSize;
            list.Add(new AbsorptionZone(low, low + settings.BucketSize, z.Side, z.Volume, z.Notional, z.FirstSeenMs, z.LastSeenMs, z.Strength));
        }

        list.Sort((a, b) => b.Strength.CompareTo(a.Strength));
        return list;
    }

    private void Remove(in LedgerEntry trade)
    {
        var index = trade.Bucket;
        ref var bucket = ref CollectionsMarshal.GetValueRefOrNullRef(buckets, index);
        totalQuantity -= trade.Quantity;
        if (--bucket.Trades == 0)
        {
            buckets.Remove(index);
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
        if (quote < settings.MinNotional || volume * buckets.Count < settings.VolumeMultiple * totalQuantity || !PriceHeld(index, side))
        {
            return;
        }

        var strength = decimal.Round(volume * buckets.Count / totalQuantity, 4);
        for (var i = 0; i < zoneCount; i++)
        {
            ref var zone = ref zones[i];
            if (zone.Bucket == index && zone.Side == side)
            {
                (zone.Volume, zone.Notional, zone.Strength, zone.LastSeenMs) = (volume, quote, strength, timeMs);
                UpdateBreakLevels();
                return;
            }
        }

        if (zoneCount == zones.Length)
        {
            RemoveZone(Oldest());
        }

        var low = index * settings.BucketSize;
        var breakLevel = side == Aggressor.Buy ? low + settings.BucketSize + settings.TolerancePrice : low - settings.TolerancePrice;
        zones[zoneCount++] = new Zone
        {
            Bucket = index, Side = side, Volume = volume, Notional = quote, Strength = strength, FirstSeenMs = timeMs, LastSeenMs = timeMs, BreakLevel = breakLevel,
        };
        Found++;
        UpdateBreakLevels();
    }

    /// <summary>Price did not go more than the tolerance beyond the bucket in the aggressors' direction during the window.</summary>
    private bool PriceHeld(long index, Aggressor side) => side == Aggressor.Buy
        ? highest.Value <= ((index + 1) * settings.BucketSize) + settings.TolerancePrice
        : lowest.Value >= (index * settings.BucketSize) - settings.TolerancePrice;

    private void BreakZones(decimal price)
    {
        for (var i = zoneCount - 1; i >= 0; i--)
        {
            if (zones[i].Side == Aggressor.Buy ? price > zones[i].BreakLevel : price < zones[i].BreakLevel)
            {
                RemoveZone(i);
                Broken++;
            }
        }
    }

    /// <summary>The nearest break level on each side (a trade between them, nearly every trade, checks no zone) and the oldest confirmation.</summary>
    private void UpdateBreakLevels()
    {
        (lowestBreakAbove, highestBreakBelow, oldestLastSeenMs) = (double.MaxValue, double.MinValue, long.MaxValue);
        for (var i = 0; i < zoneCount; i++)
        {
            oldestLastSeenMs = Math.Min(oldestLastSeenMs, zones[i].LastSeenMs);
            if (zones[i].Side == Aggressor.Buy)
            {
                lowestBreakAbove = Math.Min(lowestBreakAbove, (double)zones[i].BreakLevel);
            }
            else
            {
                highestBreakBelow = Math.Max(highestBreakBelow, (double)zones[i].BreakLevel);
            }
        }
    }

    private int Oldest()
    {
        var oldest = 0;
        for (var i = 1; i < zoneCount; i++)
        {
            if (zones[i].LastSeenMs < zones[oldest].LastSeenMs)
            {
                oldest = i;
            }
        }

        return oldest;
    }

    private void RemoveZone(int i)
    {
        zones[i] = zones[--zoneCount];
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
