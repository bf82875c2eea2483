using MoneyBot.ExtGap.Detection;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>Builds consecutive 3m candles from 2025-01-01T00:00Z, and runs them through a detector.</summary>
internal static class Bars
{
    public static readonly Timeframe ThreeMinutes = Timeframe.Parse("3m");
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The open time of bar <paramref name="index"/>.</summary>
    public static DateTimeOffset T(int index) => Start.AddMinutes(3 * index);

    /// <summary>
    /// Bar <paramref name="index"/> with its low and high; opens at the low, closes at the high unless told.
    /// </summary>
    public static Candle Bar(int index, decimal low, decimal high, decimal? close = null) =>
        Candle.Create(ThreeMinutes, T(index), low, high, low, close ?? high);

    /// <summary>Consecutive bars from (low, high) pairs.</summary>
    public static Candle[] Series(params (decimal Low, decimal High)[] bars) =>
        bars.Select((b, i) => Bar(i, b.Low, b.High)).ToArray();

    /// <summary>Feeds every candle; returns the gap of each (null when none).</summary>
    public static Gap?[] Detect(GapDetector detector, IEnumerable<Candle> candles) =>
        candles.Select(c => detector.Process(c)).ToArray();

    /// <summary>The gaps found, with the index of the candle that made each.</summary>
    public static List<(int Index, Gap Gap)> Gaps(IEnumerable<Candle> candles)
    {
        var detector = new GapDetector(ThreeMinutes);
        return Detect(detector, candles)
            .Select((g, i) => (i, g))
            .Where(x => x.g is not null)
            .Select(x => (x.i, x.g!.Value))
            .ToList();
    }
}
