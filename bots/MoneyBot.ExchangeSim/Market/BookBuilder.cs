namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// Builds order book snapshots around the current best bid: levels one to three ticks apart,
/// log-normal sizes (about 30k quote units at the median) with an occasional wall. A snapshot is a
/// pure function of its inputs, so equal seeds give equal books.
/// </summary>
internal static class BookBuilder
{
    private const double MedianLevelNotional = 30_000;

    /// <summary>
    /// The snapshot with id <paramref name="updateId"/>, taking in the updates from
    /// <paramref name="firstUpdateId"/> on; its levels depend on the seed and <paramref name="updateId"/> only.
    /// </summary>
    public static OrderBookSnapshot Build(
        Instrument instrument,
        ulong seed,
        long firstUpdateId,
        long updateId,
        long bidTicks,
        int levels
    )
    {
        var random = new SeededRandom(SeededRandom.Combine(seed, (ulong)updateId));
        var bids = new BookLevel[levels];
        var asks = new BookLevel[levels];
        long bid = bidTicks,
            ask = bidTicks + 1;
        for (var i = 0; i < levels; i++)
        {
            bids[i] = new BookLevel(instrument.Price(bid), Size(instrument, random, bid));
            asks[i] = new BookLevel(instrument.Price(ask), Size(instrument, random, ask));
            bid = Math.Max(1, bid - 1 - random.NextInt(3));
            ask += 1 + random.NextInt(3);
        }

        return new OrderBookSnapshot(firstUpdateId, updateId, bids, asks);
    }

    private static decimal Size(Instrument instrument, SeededRandom random, long priceTicks)
    {
        var notional = MedianLevelNotional * Math.Exp(random.NextGaussian());
        if (random.Chance(0.05))
        {
            notional *= 10;
        }

        var price = priceTicks * (double)instrument.TickSize;
        var steps = Math.Max(1L, (long)Math.Round(notional / price / (double)instrument.StepSize));
        return instrument.Quantity(steps);
    }
}
