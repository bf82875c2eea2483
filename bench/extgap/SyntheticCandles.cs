using MoneyBot.ExtGap.Detection;

namespace MoneyBot.Bench.ExtGap;

/// <summary>A seeded multiplicative random walk of candles with 0.1 ticks (always positive, BTC-like ranges).</summary>
internal static class SyntheticCandles
{
    public static Candle[] Generate(int count, int seed, Timeframe timeframe)
    {
        var random = new Random(seed);
        var candles = new Candle[count];
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var price = 50_000.0;
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = open * (1 + ((random.NextDouble() - 0.5) * 0.004));
            var high = Math.Max(open, close) * (1 + (random.NextDouble() * 0.0008));
            var low = Math.Min(open, close) * (1 - (random.NextDouble() * 0.0008));
            var openTime = start.AddMilliseconds(timeframe.IntervalMilliseconds * i);
            candles[i] = Candle.Create(timeframe, openTime, Tick(open), Tick(high), Tick(low), Tick(close));
            price = (double)Tick(close);
        }

        return candles;
    }

    private static decimal Tick(double value) => Math.Round((decimal)value, 1);
}
