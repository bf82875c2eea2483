namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// A kline interval the simulator serves: Binance's fixed-length intervals from 1m to 1d, aligned
/// to the Unix epoch. (1s, 3d, 1w and 1M are not simulated.)
/// </summary>
public readonly record struct CandleInterval
{
    private CandleInterval(string name, long milliseconds)
    {
        Name = name;
        Milliseconds = milliseconds;
    }

    /// <summary>Every supported interval, shortest first.</summary>
    public static IReadOnlyList<CandleInterval> All { get; } =
    [
        new("1m", 60_000),
        new("3m", 180_000),
        new("5m", 300_000),
        new("15m", 900_000),
        new("30m", 1_800_000),
        new("1h", 3_600_000),
        new("2h", 7_200_000),
        new("4h", 14_400_000),
        new("6h", 21_600_000),
        new("8h", 28_800_000),
        new("12h", 43_200_000),
        new("1d", 86_400_000),
    ];

    /// <summary>Binance's name, e.g. <c>3m</c>.</summary>
    public string Name { get; }

    /// <summary>Length in milliseconds.</summary>
    public long Milliseconds { get; }

    /// <summary>Parses Binance's name (case-sensitive, as Binance: <c>1m</c> is a minute).</summary>
    public static bool TryParse(string? name, out CandleInterval interval)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                interval = candidate;
                return true;
            }
        }

        interval = default;
        return false;
    }

    /// <summary>Parses Binance's name or throws a <see cref="FormatException"/> naming the valid ones.</summary>
    public static CandleInterval Parse(string name) =>
        TryParse(name, out var interval)
            ? interval
            : throw new FormatException(
                $"'{name}' is not a simulated kline interval; use one of {string.Join(", ", All.Select(i => i.Name))}."
            );

    /// <summary>The open time of the candle holding <paramref name="timeMs"/>.</summary>
    public long OpenTimeOf(long timeMs) => timeMs - Mod(timeMs);

    /// <summary>The first open time at or after <paramref name="timeMs"/>.</summary>
    public long FirstOpenAtOrAfter(long timeMs) => Mod(timeMs) == 0 ? timeMs : OpenTimeOf(timeMs) + Milliseconds;

    /// <inheritdoc/>
    public override string ToString() => Name;

    private long Mod(long timeMs) => ((timeMs % Milliseconds) + Milliseconds) % Milliseconds;
}
