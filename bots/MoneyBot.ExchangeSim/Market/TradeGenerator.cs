namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The seeded price process of one symbol. The mid price follows a geometric random walk (0.5% per
/// hour) whose drift changes with regimes (flat, or trending 0.3%..2.5% per hour for minutes to
/// hours), so that candles of every timeframe show gaps. Trades arrive as a Poisson process; the
/// aggressor leans with the move; notional sizes are log-normal with a Pareto tail, and about one
/// trade in 700 is a whale (0.7M..5M quote units) that moves the price a little.
/// </summary>
internal sealed class TradeGenerator
{
    private const double HourlyVolatility = 0.005;
    private const double MedianNotional = 700;
    private const double WhaleChance = 0.0015;
    private const double WhaleMinNotional = 700_000;
    private const double WhaleImpact = 0.0003;
    private const double ReversionPerSecond = 1.0 / (3 * 86_400);

    private readonly SeededRandom random;
    private readonly Instrument instrument;
    private readonly double tradesPerSecond;
    private readonly double sigma = HourlyVolatility / 60; // per sqrt(second)
    private readonly double anchor;
    private readonly double tick;
    private double logMid;
    private double drift;       // log units per second
    private double activity = 1;
    private double regimeEndMs;
    private double timeMs;
    private long nextRawTradeId = 5_000_000_000;
    private long pendingBidTicks;

    public TradeGenerator(Instrument instrument, ulong seed, double tradesPerSecond, long startMs)
    {
        this.instrument = instrument;
        this.tradesPerSecond = tradesPerSecond;
        random = new SeededRandom(seed);
        anchor = Math.Log((double)instrument.InitialPrice);
        logMid = anchor;
        tick = (double)instrument.TickSize;
        timeMs = startMs;
        regimeEndMs = startMs;
        BidTicks = (long)Math.Floor((double)instrument.InitialPrice / tick);
        Pending = Generate();
    }

    /// <summary>The next trade, not yet taken.</summary>
    public TapeTrade Pending { get; private set; }

    /// <summary>Best bid after the last taken trade, in ticks (the ask is one tick above).</summary>
    public long BidTicks { get; private set; }

    /// <summary>Returns <see cref="Pending"/> and generates the one after it.</summary>
    public TapeTrade Take()
    {
        var trade = Pending;
        BidTicks = pendingBidTicks;
        Pending = Generate();
        return trade;
    }

    private TapeTrade Generate()
    {
        var gapSeconds = random.NextExponential(1.0 / (tradesPerSecond * activity));
        timeMs += gapSeconds * 1000;
        if (timeMs >= regimeEndMs)
        {
            NewRegime();
        }

        var noise = sigma * Math.Sqrt(gapSeconds) * random.NextGaussian();
        var step = (drift - (ReversionPerSecond * (logMid - anchor))) * gapSeconds + noise;
        logMid += step;
        var lean = Math.Clamp(noise / (sigma * Math.Sqrt(gapSeconds) + 1e-12) * 0.2, -0.3, 0.3);
        var buy = random.NextDouble() < 0.5 + lean + Math.Sign(drift) * 0.05;

        var midTicks = Math.Max(2, Math.Exp(logMid) / tick);
        var notional = SampleNotional(out var whale);
        if (whale)
        {
            logMid += buy ? WhaleImpact : -WhaleImpact;
        }

        pendingBidTicks = (long)Math.Floor(midTicks);
        var sweep = whale ? random.NextInt(4) : 0;
        var priceTicks = buy ? pendingBidTicks + 1 + sweep : Math.Max(1, pendingBidTicks - sweep);
        var steps = Math.Max(1L, (long)Math.Round(notional / (priceTicks * tick) / (double)instrument.StepSize));
        var fills = whale ? 3 + random.NextInt(25) : 1 + (random.Chance(0.3) ? random.NextInt(3) : 0);
        var first = nextRawTradeId;
        nextRawTradeId += fills;
        return new TapeTrade((long)timeMs, priceTicks, steps, first, fills, !buy);
    }

    private double SampleNotional(out bool whale)
    {
        whale = random.Chance(WhaleChance);
        if (whale)
        {
            return Math.Min(WhaleMinNotional * (1 + random.NextExponential(1.0)), 5_000_000);
        }

        var notional = MedianNotional * Math.Exp(1.3 * random.NextGaussian());
        if (random.Chance(0.04))
        {
            notional *= Math.Min(Math.Pow(1.0 - random.NextDouble(), -1 / 1.3), 150);
        }

        return Math.Min(notional, WhaleMinNotional * 0.9);
    }

    private void NewRegime()
    {
        var minutes = 5 + random.NextExponential(45);
        regimeEndMs = timeMs + Math.Min(minutes, 360) * 60_000;
        activity = 0.7 + random.NextDouble() * 1.1;
        if (random.Chance(0.35))
        {
            drift = 0;
            return;
        }

        var perHour = 0.003 + random.NextDouble() * 0.022;
        drift = (random.Chance(0.5) ? perHour : -perHour) / 3600;
    }
}
