namespace MoneyBot.ExtGap.Detection;

/// <summary>A kline interval as Binance names it: <c>1m</c>, <c>3m</c>, ... <c>1d</c>.</summary>
public readonly record struct Timeframe
{
    private static readonly string[] Names = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "1d"];

    private Timeframe(string name, long intervalMilliseconds)
    {
        Name = name;
        IntervalMilliseconds = intervalMilliseconds;
    }

    /// <summary>The supported names, shortest interval first.</summary>
    public static IReadOnlyList<string> SupportedNames => Names;

    /// <summary>The name, e.g. <c>3m</c>.</summary>
    public string Name { get; }

    /// <summary>The interval in milliseconds.</summary>
    public long IntervalMilliseconds { get; }

    /// <summary>The interval.</summary>
    public TimeSpan Interval => TimeSpan.FromMilliseconds(IntervalMilliseconds);

    /// <summary>Parses a supported name; returns false for anything else.</summary>
    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = default;
        var name = text?.Trim() ?? "";
        if (Array.IndexOf(Names, name) < 0)
        {
            return false;
        }

        var unit = name[^1] switch
        {
            'm' => 60_000L,
            'h' => 3_600_000L,
            _ => 86_400_000L,
        };
        timeframe = new Timeframe(
            name,
            long.Parse(name.AsSpan(0, name.Length - 1), System.Globalization.CultureInfo.InvariantCulture) * unit
        );
        return true;
    }

    /// <summary>Parses a supported name.</summary>
    /// <exception cref="FormatException">The name is not one of <see cref="SupportedNames"/>.</exception>
    public static Timeframe Parse(string text) =>
        TryParse(text, out var timeframe)
            ? timeframe
            : throw new FormatException($"unknown timeframe '{text}': use one of {string.Join(", ", Names)}");

    /// <summary>True when the open time falls on an interval boundary (epoch-based).</summary>
    public bool IsAligned(DateTimeOffset openTime) => openTime.ToUnixTimeMilliseconds() % IntervalMilliseconds == 0;

    /// <summary>The close time of the bar that opens at <paramref name="openTime"/>: open + interval - 1 ms.</summary>
    public DateTimeOffset CloseTimeOf(DateTimeOffset openTime) => openTime.AddMilliseconds(IntervalMilliseconds - 1);

    /// <inheritdoc/>
    public override string ToString() => Name ?? "";
}
