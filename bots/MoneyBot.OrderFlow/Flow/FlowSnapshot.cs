namespace MoneyBot.OrderFlow.Flow;

/// <summary>Every metric of one symbol at one moment of exchange time (spec section 3).</summary>
public sealed record FlowSnapshot
{
    /// <summary>Symbol, upper case.</summary>
    public required string Symbol { get; init; }

    /// <summary>The moment (exchange time, Unix ms): the newest trade time, or later when the feed is stale.</summary>
    public required long TimeMs { get; init; }

    /// <summary>Exchange time of the newest trade; null before the first.</summary>
    public required long? NewestTradeMs { get; init; }

    /// <summary>The trades are complete from this exchange time on; null before the first trade.</summary>
    public required long? CoveredFromMs { get; init; }

    /// <summary>The windows asked for, shortest first.</summary>
    public required IReadOnlyList<WindowFigures> Windows { get; init; }

    /// <summary>CVD since <see cref="CvdSinceMs"/>.</summary>
    public required decimal Cvd { get; init; }

    /// <summary>
    /// The session anchor, or the first trade when the bot started later; null before the first trade.
    /// </summary>
    public required long? CvdSinceMs { get; init; }

    /// <summary>CVD slope, quantity per minute; null while fewer than 6 one-minute bars exist.</summary>
    public required decimal? CvdSlope { get; init; }

    /// <summary>The slope against the epsilon.</summary>
    public required CvdTrend CvdTrend { get; init; }

    /// <summary>Pressure over 30 s.</summary>
    public required Pressure Pressure { get; init; }

    /// <summary>The last book imbalance; null before the first depth message.</summary>
    public required BookImbalance? Book { get; init; }

    /// <summary>Active absorption zones, strongest first.</summary>
    public required IReadOnlyList<AbsorptionZone> Zones { get; init; }

    /// <summary>Whale trades of the retention period, newest first.</summary>
    public required IReadOnlyList<WhaleTrade> RecentWhales { get; init; }

    /// <summary>Counters.</summary>
    public required FlowCounters Counters { get; init; }

    /// <summary>The figures of window <paramref name="window"/>, which must be among <see cref="Windows"/>.</summary>
    public WindowFigures Window(TimeSpan window) =>
        Windows.FirstOrDefault(w => w.Window == window)
        ?? throw new ArgumentOutOfRangeException(
            nameof(window),
            window,
            "This snapshot was not taken with that window."
        );
}
