namespace MoneyBot.OrderFlow.Flow;

/// <summary>
/// The time series of one symbol at one moment of exchange time: the delta per bucket over the retention and the
/// CVD's one-minute bars of the current session.
/// </summary>
public sealed record FlowSeries
{
    /// <summary>Buckets in a series at most: one per second over the shortest retention (15 min).</summary>
    public const int MaxBuckets = 900;

    /// <summary>Symbol, upper case.</summary>
    public required string Symbol { get; init; }

    /// <summary>The moment (exchange time, Unix ms): the newest trade time, or later when the feed is stale.</summary>
    public required long TimeMs { get; init; }

    /// <summary>The trades are complete from this exchange time on; null before the first trade.</summary>
    public required long? CoveredFromMs { get; init; }

    /// <summary>The length of each delta bucket.</summary>
    public required TimeSpan Bucket { get; init; }

    /// <summary>
    /// floor(retention / <see cref="Bucket"/>) consecutive buckets, oldest first; the last one ends at
    /// <see cref="TimeMs"/>.
    /// </summary>
    public required IReadOnlyList<DeltaBucket> Delta { get; init; }

    /// <summary>CVD since <see cref="CvdSinceMs"/>, as in <see cref="FlowSnapshot.Cvd"/>.</summary>
    public required decimal Cvd { get; init; }

    /// <summary>Since when <see cref="Cvd"/> counts, as in <see cref="FlowSnapshot.CvdSinceMs"/>.</summary>
    public required long? CvdSinceMs { get; init; }

    /// <summary>
    /// The newest one-minute CVD bars of the session at <see cref="TimeMs"/>, oldest first; none once a new session
    /// began after the last trade.
    /// </summary>
    public required IReadOnlyList<CvdBar> CvdBars { get; init; }

    /// <summary>
    /// The shortest bucket that gives at most <see cref="MaxBuckets"/> buckets over <paramref name="retention"/>:
    /// retention / 900, rounded up to a whole millisecond.
    /// </summary>
    public static TimeSpan SmallestBucket(TimeSpan retention)
    {
        var retentionMs = (long)retention.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(Math.Max(1, (retentionMs + MaxBuckets - 1) / MaxBuckets));
    }
}
