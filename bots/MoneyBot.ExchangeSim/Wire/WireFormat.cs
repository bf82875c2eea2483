using MoneyBot.ExchangeSim.Market;

namespace MoneyBot.ExchangeSim.Wire;

/// <summary>
/// How many decimals Binance prints for prices, quantities and quote amounts: spot always prints
/// eight (<c>"65012.34000000"</c>); USD-M futures print the symbol's own precision (<c>"65012.34"</c>).
/// </summary>
public sealed record WireFormat(int PriceDecimals, int QuantityDecimals, int QuoteDecimals)
{
    /// <summary>Spot: eight decimals everywhere.</summary>
    public static WireFormat Spot { get; } = new(8, 8, 8);

    /// <summary>USD-M futures: the tick and step precision; quote amounts exact (their sum).</summary>
    public static WireFormat Futures(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new(
            instrument.PriceDecimals,
            instrument.QuantityDecimals,
            instrument.PriceDecimals + instrument.QuantityDecimals
        );
    }
}
