namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Expands an aggregate trade into its raw fills: ids f..l, the aggregate's time, price and side, and its quantity
/// shared out on the step grid. Each fill gets one step first, then the rest in seeded random proportions (drawn from
/// the symbol's seed and the first raw id), so the split is a pure function of the tape and the fills add up to the
/// aggregate exactly. Every fill gets at least one step: the generated tape gives an aggregate at least one step per
/// fill, and in a recording every raw trade had a size.
/// </summary>
internal static class TradeSplit
{
    public static void Expand(in AggTrade trade, Instrument instrument, ulong seed, List<RawTrade> into)
    {
        var fills = (int)(trade.LastTradeId - trade.FirstTradeId + 1);
        if (fills <= 1)
        {
            into.Add(new RawTrade(trade.FirstTradeId, trade.Time, trade.Price, trade.Quantity, trade.IsBuyerMaker));
            return;
        }

        var steps = (long)decimal.Round(trade.Quantity / instrument.StepSize);
        var random = new SeededRandom(SeededRandom.Combine(seed, (ulong)trade.FirstTradeId));
        var weights = new double[fills];
        var sum = 0.0;
        for (var i = 0; i < fills; i++)
        {
            weights[i] = random.NextExponential(1.0);
            sum += weights[i];
        }

        var spare = Math.Max(0, steps - fills);
        var given = 0L;
        var parts = new long[fills];
        for (var i = 0; i < fills; i++)
        {
            parts[i] = (i < steps ? 1 : 0) + (long)Math.Floor(spare * weights[i] / sum);
            given += parts[i];
        }

        parts[fills - 1] += steps - given;
        for (var i = 0; i < fills; i++)
        {
            into.Add(
                new RawTrade(
                    trade.FirstTradeId + i,
                    trade.Time,
                    trade.Price,
                    instrument.Quantity(parts[i]),
                    trade.IsBuyerMaker
                )
            );
        }
    }
}
