namespace MoneyBot.ExchangeSim.Market;

/// <summary>A trade as the tape stores it: grid units instead of decimals (40 bytes, not 64).</summary>
internal readonly record struct TapeTrade(
    long Time,
    long PriceTicks,
    long QuantitySteps,
    long FirstTradeId,
    int Fills,
    bool IsBuyerMaker
)
{
    public AggTrade ToAggTrade(long id, Instrument instrument) =>
        new(
            id,
            FirstTradeId,
            FirstTradeId + Fills - 1,
            Time,
            instrument.Price(PriceTicks),
            instrument.Quantity(QuantitySteps),
            IsBuyerMaker
        );
}
