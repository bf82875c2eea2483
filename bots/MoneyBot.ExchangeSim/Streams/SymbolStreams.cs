using MoneyBot.ExchangeSim.Market;
using MoneyBot.ExchangeSim.Wire;

namespace MoneyBot.ExchangeSim.Streams;

/// <summary>
/// What the pump keeps per symbol, made once: the canonical stream names, the symbol's USD-M futures wire format
/// and its depth streams (with the state of their <c>depthUpdate</c> ids).
/// </summary>
internal sealed class SymbolStreams(Instrument instrument)
{
    public string AggTrade { get; } = StreamName.AggTrade(instrument.Symbol).Text;

    /// <summary>Kline stream names in the order of <see cref="CandleInterval.All"/>.</summary>
    public IReadOnlyList<string> Klines { get; } =
    [.. CandleInterval.All.Select(i => StreamName.Kline(instrument.Symbol, i).Text)];

    /// <summary>Every depth stream: 5, 10 and 20 levels at each speed.</summary>
    public IReadOnlyList<DepthStream> Depths { get; } =
    [
        .. from levels in new[] { 5, 10, 20 }
        from updateMs in new[] { 100, 500, 0 }
        select new DepthStream(StreamName.Depth(instrument.Symbol, levels, updateMs).Text, levels, updateMs),
    ];

    /// <summary>The symbol's precision, as USD-M futures prints it.</summary>
    public WireFormat FuturesFormat { get; } = WireFormat.Futures(instrument);

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
