namespace MoneyBot.MarketData;

/// <summary>
/// A Binance kline interval of fixed length aligned to the Unix epoch, from "1s" to "1d".
/// Longer ones ("3d", "1w" opens on Mondays, "1M" has no fixed length) are not supported.
/// </summary>
public readonly record struct KlineInterval
{
    private static readonly string[] Names =
    [
        "1s",
        "1m",
        "3m",
        "5m",
        "15m",
        "30m",
        "1h",
        "2h",
        "4h",
        "6h",
        "8h",
        "12h",
        "1d",
    ];

    private KlineInterval(string name, TimeSpan duration)
    {
        Name = name;
        Duration = duration;
    }

    /// <summary>Binance's name for the interval ("3m").</summary>
    public string Name { get; }

    /// <summary>Length of one kline.</summary>
    public TimeSpan Duration { get; }

    /// <summary>One minute.</summary>
    public static KlineInterval OneMinute => Parse("1m");

    /// <summary>Three minutes.</summary>
    public static KlineInterval ThreeMinutes => Parse("3m");

    /// <summary>
    /// Parses Binance's name ("1s", "1m" ... "1d"); throws a <see cref="FormatException"/> listing the valid names.
    /// </summary>
    public static KlineInterval Parse(string name) =>
        TryParse(name, out var interval)
            ? interval
            : throw new FormatException(
                $"'{name}' is not a kline interval of fixed length; use one of {string.Join(", ", Names)}."
            );

    /// <summary>Parses Binance's name for an interval.</summary>
    public static bool TryParse(string? name, out KlineInterval interval)
    {
        interval = default;
        if (
            name is null
            || name.Length < 2
            || Array.IndexOf(Names, name) < 0
            || !int.TryParse(name.AsSpan(0, name.Length - 1), out var count)
        )
        {
            return false;
        }

        var unit = name[^1] switch
        {
            's' => TimeSpan.FromSeconds(1),
            'm' => TimeSpan.FromMinutes(1),
            'h' => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        };
        interval = new KlineInterval(name, unit * count);
        return true;
    }

    /// <summary>
    /// The open time of the kline that contains <paramref name="time"/> (klines are aligned to the epoch).
    /// </summary>
    public DateTimeOffset OpenTimeOf(DateTimeOffset time)
    {
        var ms = time.ToUnixTimeMilliseconds();
        var length = (long)Duration.TotalMilliseconds;
        return DateTimeOffset.FromUnixTimeMilliseconds(ms - (((ms % length) + length) % length));
    }

    /// <inheritdoc/>
    public override string ToString() => Name ?? "(none)";
}
