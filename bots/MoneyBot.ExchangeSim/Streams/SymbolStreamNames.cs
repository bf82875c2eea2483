using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>The canonical stream names of one symbol, computed once.</summary>
internal sealed class SymbolStreamNames(string symbol)
{
    public string AggTrade { get; } = StreamName.AggTrade(symbol).Text;

    /// <summary>Kline stream names in the order of <see cref="CandleInterval.All"/>.</summary>
    public IReadOnlyList<string> Klines { get; } =
    [.. CandleInterval.All.Select(i => StreamName.Kline(symbol, i).Text)];

    /// <summary>Every depth stream with its level count and speed.</summary>
    public IReadOnlyList<(string Name, int Levels, bool Fast)> Depths { get; } =
    [
        .. from levels in new[] { 5, 10, 20 }
        from fast in new[] { true, false }
        select (StreamName.Depth(symbol, levels, fast).Text, levels, fast),
    ];

    public string Kline(CandleInterval interval) => Klines[IndexOf(interval)];

    private static int IndexOf(CandleInterval interval)
    {
        for (var i = 0; i < CandleInterval.All.Count; i++)
        {
            if (CandleInterval.All[i] == interval)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(interval), interval, "Not a simulated interval.");
    }
}
