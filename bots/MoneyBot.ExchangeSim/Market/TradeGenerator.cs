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

    private readonly SeededRandom _random;
    private readonly Instrument _instrument;
    private readonly double _tradesPerSecond;
    private readonly double _sigma = HourlyVolatility / 60; // per sqrt(second)
    private readonly double _anchor;
    private readonly double _tick;
    private double _logMid;
    private double _drift; // log units per second
    private double _activity = 1;
    private double _regimeEndMs;
    private double _timeMs;
    private long _nextRawTradeId = 5_000_000_000;
    private long _pendingBidTicks;

    public TradeGenerator(Instrument instrument, ulong seed, double tradesPerSecond, long startMs)
    {
        _instrument = instrument;
        _tradesPerSecond = tradesPerSecond;
        _random = new SeededRandom(seed);
        _anchor = Math.Log((double)instrument.InitialPrice);
        _logMid = _anchor;
        _tick = (double)instrument.TickSize;
        _timeMs = startMs;
        _regimeEndMs = startMs;
        BidTicks = (long)Math.Floor((double)instrument.InitialPrice / _tick);
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
        BidTicks = _pendingBidTicks;
        Pending = Generate();
        return trade;
    }

    private TapeTrade Generate()
    {
        var gapSeconds = _random.NextExponential(1.0 / (_tradesPerSecond * _activity));
        _timeMs += gapSeconds * 1000;
        if (_timeMs >= _regimeEndMs)
        {
            NewRegime();
        }

        var noise = _sigma * Math.Sqrt(gapSeconds) * _random.NextGaussian();
        var step = (_drift - (ReversionPerSecond * (_logMid - _anchor))) * gapSeconds + noise;
        _logMid += step;
        var lean = Math.Clamp(noise / (_sigma * Math.Sqrt(gapSeconds) + 1e-12) * 0.2, -0.3, 0.3);
        var buy = _random.NextDouble() < 0.5 + lean + Math.Sign(_drift) * 0.05;

        var midTicks = Math.Max(2, Math.Exp(_logMid) / _tick);
        var notional = SampleNotional(out var whale);
        if (whale)
        {
            _logMid += buy ? WhaleImpact : -WhaleImpact;
        }

        _pendingBidTicks = (long)Math.Floor(midTicks);
        var sweep = whale ? _random.NextInt(4) : 0;
        var priceTicks = buy ? _pendingBidTicks + 1 + sweep : Math.Max(1, _pendingBidTicks - sweep);
        var steps = Math.Max(1L, (long)Math.Round(notional / (priceTicks * _tick) / (double)_instrument.StepSize));
        var fills = whale ? 3 + _random.NextInt(25) : 1 + (_random.Chance(0.3) ? _random.NextInt(3) : 0);
        var first = _nextRawTradeId;
        _nextRawTradeId += fills;
        return new TapeTrade((long)_timeMs, priceTicks, steps, first, fills, !buy);
    }

    private double SampleNotional(out bool whale)
    {
        whale = _random.Chance(WhaleChance);
        if (whale)
        {
            return Math.Min(WhaleMinNotional * (1 + _random.NextExponential(1.0)), 5_000_000);
        }

        var notional = MedianNotional * Math.Exp(1.3 * _random.NextGaussian());
        if (_random.Chance(0.04))
        {
            notional *= Math.Min(Math.Pow(1.0 - _random.NextDouble(), -1 / 1.3), 150);
        }

        return Math.Min(notional, WhaleMinNotional * 0.9);
    }

    private void NewRegime()
    {
        var minutes = 5 + _random.NextExponential(45);
        _regimeEndMs = _timeMs + Math.Min(minutes, 360) * 60_000;
        _activity = 0.7 + _random.NextDouble() * 1.1;
        if (_random.Chance(0.35))
        {
            _drift = 0;
            return;
        }

        var perHour = 0.003 + _random.NextDouble() * 0.022;
        _drift = (_random.Chance(0.5) ? perHour : -perHour) / 3600;
    }
}
