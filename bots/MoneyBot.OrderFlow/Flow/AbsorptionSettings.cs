using System.Globalization;

namespace MoneyBot.OrderFlow.Flow;

/// <summary>Absorption zone detection (spec section 3).</summary>
/// <param name="Window">Trades considered (by exchange time).</param>
/// <param name="BucketSize">Price bucket width, quote units.</param>
/// <param name="VolumeMultiple">K: one side's aggressive volume at a bucket must reach K x the mean per-bucket
/// volume.</param>
/// <param name="MinNotional">And at least this notional (quote currency).</param>
/// <param name="ToleranceBuckets">How far (buckets) price may go beyond the bucket in the aggressors' direction; also
/// how far it must trade through to break a zone.</param>
/// <param name="ZoneLifetime">A zone is active until this long after it was last confirmed.</param>
public sealed record AbsorptionSettings(
    TimeSpan Window,
    decimal BucketSize,
    decimal VolumeMultiple,
    decimal MinNotional,
    int ToleranceBuckets,
    TimeSpan ZoneLifetime
)
{
    /// <summary>At most this many zones are active per symbol (the weakest oldest goes first).</summary>
    public const int MaxZones = 64;

    /// <summary>60 s, 10 quote units, K = 3, 500k, 2 buckets, 30 min.</summary>
    public static AbsorptionSettings Default { get; } =
        new(TimeSpan.FromSeconds(60), 10m, 3m, 500_000m, 2, TimeSpan.FromMinutes(30));

    /// <summary>The tolerance in price units.</summary>
    public decimal TolerancePrice => ToleranceBuckets * BucketSize;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first bad value.</summary>
    public AbsorptionSettings Validate()
    {
        var c = CultureInfo.InvariantCulture;
        FlowSettings.Require(Window > TimeSpan.Zero, $"the absorption window must be positive, not {Window}");
        FlowSettings.Require(
            BucketSize > 0,
            string.Create(c, $"the absorption bucket size must be positive, not {BucketSize}")
        );
        FlowSettings.Require(
            VolumeMultiple > 1,
            string.Create(c, $"the absorption volume multiple K must be above 1, not {VolumeMultiple}")
        );
        FlowSettings.Require(
            MinNotional >= 0,
            string.Create(c, $"the absorption minimum notional must not be negative, not {MinNotional}")
        );
        FlowSettings.Require(
            ToleranceBuckets >= 0,
            $"the absorption tolerance must not be negative, not {ToleranceBuckets} buckets"
        );
        FlowSettings.Require(ZoneLifetime > TimeSpan.Zero, $"the zone lifetime must be positive, not {ZoneLifetime}");
        return this;
    }
}
