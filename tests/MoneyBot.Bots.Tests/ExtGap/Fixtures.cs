using System.Globalization;
using MoneyBot.ExtGap.Detection;

namespace MoneyBot.Bots.Tests.ExtGap;

/// <summary>
/// The ext-gap fixtures kept as files in <c>Fixtures/</c> beside this source file, and seeded synthetic candles.
/// </summary>
internal static class Fixtures
{
    public static string ExtGap(string name) => SourceFixture.PathOf(name);

    /// <summary>
    /// A seeded random walk of 3m candles with 0.1 ticks: enough gaps, reversals and trades to compare runs.
    /// </summary>
    public static Candle[] RandomWalk(int seed, int count)
    {
        var random = new Random(seed);
        var candles = new Candle[count];
        var price = 50_000m;
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = Math.Max(1m, Math.Round(open + (decimal)((random.NextDouble() - 0.5) * 120), 1));
            var high = Math.Max(open, close) + Math.Round((decimal)(random.NextDouble() * 30), 1);
            var low = Math.Min(open, close) - Math.Round((decimal)(random.NextDouble() * 30), 1);
            candles[i] = Candle.Create(Bars.ThreeMinutes, Bars.T(i), open, high, low, close);
            price = close;
        }

        return candles;
    }

    /// <summary>Writes candles as <c>open_time,open,high,low,close</c> with epoch milliseconds.</summary>
    public static void WriteCandles(string path, IEnumerable<Candle> candles)
    {
        using var writer = new StreamWriter(path);
        writer.Write("open_time,open,high,low,close\n");
        foreach (var c in candles)
        {
            writer.Write(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{c.OpenTime.ToUnixTimeMilliseconds()},{c.Open},{c.High},{c.Low},{c.Close}\n"
                )
            );
        }
    }

    /// <summary>The data rows of a CSV file, each split into fields.</summary>
    public static List<string[]> Rows(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList();
}
