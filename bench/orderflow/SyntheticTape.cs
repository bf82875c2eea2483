using System.Globalization;
using System.Text;

namespace MoneyBot.Bench.OrderFlow;

/// <summary>
/// A seeded tape of raw aggTrade messages as Binance sends them (every tenth wrapped as a combined-stream
/// message): a random-walk BTC price, log-normal sizes with a few whales, about 20 trades per second of
/// exchange time. All lines live in one byte array, so reading them allocates nothing.
/// </summary>
internal sealed class SyntheticTape
{
    private SyntheticTape(byte[] bytes, int[] starts)
    {
        Bytes = bytes;
        Starts = starts;
    }

    /// <summary>Every line, newline-terminated, back to back.</summary>
    public byte[] Bytes { get; }

    /// <summary>Where line i starts; line i ends at Starts[i + 1] - 1 (the newline).</summary>
    public int[] Starts { get; }

    public int Count => Starts.Length - 1;

    public ReadOnlySpan<byte> Line(int i) => Bytes.AsSpan(Starts[i], Starts[i + 1] - Starts[i] - 1);

    public static SyntheticTape Generate(int count, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(count * 190);
        var starts = new int[count + 1];
        var bytes = 0;
        var price = 97_000.0;
        var time = 1_767_225_600_000L;
        var c = CultureInfo.InvariantCulture;
        for (var i = 0; i < count; i++)
        {
            time += (long)(-Math.Log(1 - random.NextDouble()) * 50);
            price = Math.Max(1000, price + (random.NextDouble() - 0.5) * 4);
            var notional = 700 * Math.Exp(1.3 * Gaussian(random)) * (random.NextDouble() < 0.002 ? 1500 : 1);
            var quantity = Math.Max(0.00001, Math.Round(notional / price, 5));
            var id = 3_000_000_000L + i;
            var payload = string.Create(
                c,
                $"{{\"e\":\"aggTrade\",\"E\":{time + 3},\"s\":\"BTCUSDT\",\"a\":{id},\"p\":\"{price:0.00}\","
                    + $"\"q\":\"{quantity:0.00000000}\",\"f\":{id * 2},\"l\":{id * 2 + 1},\"T\":{time},"
                    + $"\"m\":{(random.NextDouble() < 0.5 ? "true" : "false")},\"M\":true}}"
            );
            var line = i % 10 == 0 ? $"{{\"stream\":\"btcusdt@aggTrade\",\"data\":{payload}}}\n" : payload + "\n";
            starts[i] = bytes;
            bytes += Encoding.UTF8.GetByteCount(line);
            text.Append(line);
        }

        starts[count] = bytes;
        return new SyntheticTape(Encoding.UTF8.GetBytes(text.ToString()), starts);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
