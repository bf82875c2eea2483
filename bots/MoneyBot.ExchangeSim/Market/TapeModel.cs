namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The trades of one symbol as a pure function of (seed, symbol, rate, time): whenever the simulator starts, at
/// whatever speed, in whatever order it is asked, the trades at an instant, their ids and so every candle are the
/// same. Exchange time is cut into <see cref="ChunkMs"/> chunks counted from <see cref="EpochMs"/>. What a chunk
/// holds is decided from its own seed: first its <em>outline</em> (how many aggregate and raw trades, the regime's
/// drift and activity, the price level it ends at), then its trades. Outlines are cheap, so the ids a chunk starts
/// at are the running sums of the counts of every chunk before it since the epoch, and the price level follows a
/// mean-reverting walk from chunk to chunk; inside a chunk the price is a Brownian bridge from its level to the next
/// chunk's, so chunks join without seams. Thread-safe.
/// </summary>
/// <remarks>
/// The price process: a random walk (0.5% per hour) whose drift changes with regimes (flat, or trending 0.3%..2.5% per
/// hour for 15 minutes to 6 hours), slowly reverting to the instrument's price, so that candles of every timeframe
/// show gaps. Trades arrive as a Poisson process whose rate changes with the regime; the aggressor leans with the
/// move; notional sizes are log-normal with a Pareto tail, and about one trade in 700 is a whale (0.7M..5M quote
/// units) that moves the price a little and is filled by several raw trades.
/// </remarks>
internal sealed class TapeModel
{
    /// <summary>Length of one chunk of exchange time.</summary>
    public const long ChunkMs = 15 * 60_000;

    /// <summary>Where chunk 0 starts: 2020-01-01T00:00Z. The tape has no trades before it.</summary>
    public const long EpochMs = 1_577_836_800_000;

    /// <summary>Id of the first aggregate trade since the epoch (above int.MaxValue, as on Binance).</summary>
    public const long FirstAggTradeId = 3_000_000_000;

    /// <summary>Id of the first raw trade since the epoch (raw trades and aggregates are counted apart).</summary>
    public const long FirstRawTradeId = 5_000_000_000;

    private const double HourlyVolatility = 0.005;
    private const double ChunkSeconds = ChunkMs / 1000.0;
    private const double ChunkVolatility = HourlyVolatility * 0.5; // sqrt(15 min / 1 h)
    private const double ReversionPerSecond = 1.0 / (3 * 86_400);
    private const double RegimeStartChance = 0.3; // regimes last 50 minutes on average
    private const int LongestRegime = 24; // chunks: 6 hours
    private const double ExtraFillsPerTrade = 0.32;
    private const double MedianNotional = 700;
    private const double WhaleChance = 0.0015;
    private const double WhaleMinNotional = 700_000;
    private const double WhaleImpact = 0.0003;
    private const int CheckpointEvery = 256;

    private readonly Instrument _instrument;
    private readonly ulong _seed;
    private readonly double _tradesPerSecond;
    private readonly double _anchor;
    private readonly double _tick;
    private readonly List<ChunkStart> _checkpoints = [];
    private readonly Lock _sync = new();

    /// <param name="instrument">The symbol's grids and the price it reverts to.</param>
    /// <param name="seed">The symbol's seed (the simulator's seed combined with the symbol).</param>
    /// <param name="tradesPerSecond">The average rate of aggregate trades.</param>
    public TapeModel(Instrument instrument, ulong seed, double tradesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tradesPerSecond);
        _instrument = instrument;
        _seed = seed;
        _tradesPerSecond = tradesPerSecond;
        _anchor = Math.Log((double)instrument.InitialPrice);
        _tick = (double)instrument.TickSize;
        _checkpoints.Add(new ChunkStart(0, _anchor, FirstAggTradeId, FirstRawTradeId));
    }

    /// <summary>The chunk that holds <paramref name="timeMs"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time before the epoch.</exception>
    public static long ChunkOf(long timeMs)
    {
        if (timeMs < EpochMs)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeMs),
                DateTimeOffset.FromUnixTimeMilliseconds(timeMs),
                "the simulated tape starts on 2020-01-01T00:00Z"
            );
        }

        return (timeMs - EpochMs) / ChunkMs;
    }

    /// <summary>When <paramref name="chunk"/> starts (Unix ms).</summary>
    public static long StartOf(long chunk) => EpochMs + (chunk * ChunkMs);

    /// <summary>The ids and price level <paramref name="chunk"/> starts with.</summary>
    public ChunkStart StartState(long chunk)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        ChunkStart state;
        lock (_sync)
        {
            var index = (int)(chunk / CheckpointEvery);
            while (_checkpoints.Count <= index)
            {
                var last = _checkpoints[^1];
                for (var i = 0; i < CheckpointEvery; i++)
                {
                    last = Next(last);
                }

                _checkpoints.Add(last);
            }

            state = _checkpoints[index];
        }

        while (state.Chunk < chunk)
        {
            state = Next(state);
        }

        return state;
    }

    /// <summary>
    /// Draws the trades of <paramref name="chunk"/> into <paramref name="into"/> (reused from chunk to chunk, so that
    /// walking the tape allocates nothing once its arrays are large enough): in time order, with the best bid in
    /// ticks after each (for the book).
    /// </summary>
    public void Fill(long chunk, ChunkTrades into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var start = StartState(chunk);
        var outline = OutlineOf(chunk);
        var end = Next(start, outline);
        var random = new SeededRandom(SeededRandom.Combine(_seed, (ulong)chunk * 2 + 1));
        var count = outline.AggregateTrades;
        into.Reset(chunk, start.FirstAggId, count);
        var times = into.Times;
        TradeTimes(random, StartOf(chunk), count, into.Gaps, times);
        var trades = into.Trades;
        var bids = into.BidTicks;
        var wantedExtras = into.Wanted;
        var logMid = start.LogMid;
        var elapsed = 0.0;
        var sigma = HourlyVolatility / 60; // per sqrt(second)
        for (var i = 0; i < count; i++)
        {
            var at = (times[i] - StartOf(chunk)) / 1000.0;
            var dt = Math.Max(at - elapsed, 1e-3);
            var remaining = Math.Max(ChunkSeconds - elapsed, dt);
            var noise = sigma * Math.Sqrt(dt) * random.NextGaussian();
            logMid += ((end.LogMid - logMid) * dt / remaining) + noise; // the bridge to the next chunk's level
            elapsed = at;
            var lean = Math.Clamp(noise / ((sigma * Math.Sqrt(dt)) + 1e-12) * 0.2, -0.3, 0.3);
            var buy = random.NextDouble() < 0.5 + lean + (Math.Sign(outline.Drift) * 0.05);
            var midTicks = Math.Max(2, Math.Exp(logMid) / _tick);
            var notional = SampleNotional(random, out var whale);
            if (whale)
            {
                logMid += buy ? WhaleImpact : -WhaleImpact;
            }

            var bid = (long)Math.Floor(midTicks);
            var sweep = whale ? random.NextInt(4) : 0;
            var priceTicks = buy ? bid + 1 + sweep : Math.Max(1, bid - sweep);
            var steps = Math.Max(1L, (long)Math.Round(notional / (priceTicks * _tick) / (double)_instrument.StepSize));
            wantedExtras[i] = whale ? 2 + random.NextInt(25) : (random.Chance(0.3) ? random.NextInt(3) : 0);
            trades[i] = new TapeTrade(times[i], priceTicks, steps, 0, 1, !buy);
            bids[i] = bid;
        }

        var extras = into.Extras;
        ShareOut(random, wantedExtras, count, outline.RawTrades - count, extras);
        var rawId = start.FirstRawId;
        for (var i = 0; i < count; i++)
        {
            var fills = 1 + extras[i];
            // every raw trade has a size: at least one step per fill
            var steps = Math.Max(trades[i].QuantitySteps, fills);
            trades[i] = trades[i] with { QuantitySteps = steps, FirstTradeId = rawId, Fills = fills };
            rawId += fills;
        }
    }

    /// <summary>How chunk <paramref name="chunk"/> unfolds, from its own seed and its regime's.</summary>
    private Outline OutlineOf(long chunk)
    {
        var regime = chunk;
        while (regime > 0 && regime % LongestRegime != 0 && Unit(regime, 1) >= RegimeStartChance)
        {
            regime--;
        }

        var activity = 0.7 + (Unit(regime, 2) * 1.1);
        var drift = 0.0;
        if (Unit(regime, 3) >= 0.35)
        {
            var perHour = 0.003 + (Unit(regime, 4) * 0.022);
            drift = (Unit(regime, 5) < 0.5 ? perHour : -perHour) / 3600;
        }

        var expected = _tradesPerSecond * activity * ChunkSeconds;
        var aggregates = (int)Math.Max(1, Math.Round(expected + (Math.Sqrt(expected) * Gaussian(chunk, 6))));
        var extra = aggregates * ExtraFillsPerTrade;
        var raw = aggregates + (int)Math.Max(0, Math.Round(extra + (Math.Sqrt(extra) * Gaussian(chunk, 7))));
        return new Outline(aggregates, raw, drift, ChunkVolatility * Gaussian(chunk, 8));
    }

    private ChunkStart Next(ChunkStart state) => Next(state, OutlineOf(state.Chunk));

    private ChunkStart Next(ChunkStart state, Outline outline)
    {
        var reversion = ReversionPerSecond * (state.LogMid - _anchor) * ChunkSeconds;
        return new ChunkStart(
            state.Chunk + 1,
            state.LogMid + (outline.Drift * ChunkSeconds) - reversion + outline.Shock,
            state.FirstAggId + outline.AggregateTrades,
            state.FirstRawId + outline.RawTrades
        );
    }

    /// <summary>A uniform number in [0, 1) that depends only on (seed, chunk, purpose).</summary>
    private double Unit(long chunk, ulong purpose) =>
        (SeededRandom.Combine(SeededRandom.Combine(_seed, (ulong)chunk * 2), purpose) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal number that depends only on (seed, chunk, purpose).</summary>
    private double Gaussian(long chunk, ulong purpose)
    {
        var u1 = 1.0 - Unit(chunk, purpose);
        var u2 = Unit(chunk, purpose + 100);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary><paramref name="count"/> sorted times in the chunk: a Poisson process with so many arrivals.</summary>
    private static void TradeTimes(SeededRandom random, long startMs, int count, double[] gaps, long[] times)
    {
        var total = 0.0;
        for (var i = 0; i <= count; i++)
        {
            gaps[i] = random.NextExponential(1.0);
            total += gaps[i];
        }

        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += gaps[i];
            times[i] = startMs + Math.Min(ChunkMs - 1, (long)(ChunkMs * (sum / total)));
        }
    }

    /// <summary>
    /// Hands out exactly <paramref name="total"/> extra fills, in proportion to what each trade wanted (whales
    /// want many); what rounding leaves goes to trades picked at random.
    /// </summary>
    private static void ShareOut(SeededRandom random, int[] wanted, int count, int total, int[] extras)
    {
        long sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += wanted[i];
        }

        var given = 0;
        for (var i = 0; i < count; i++)
        {
            extras[i] = sum > 0 ? (int)(wanted[i] * (long)total / sum) : 0;
            given += extras[i];
        }

        while (given < total)
        {
            extras[random.NextInt(count)]++;
            given++;
        }
    }

    private static double SampleNotional(SeededRandom random, out bool whale)
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

    /// <summary>What a chunk holds, decided before its trades are drawn.</summary>
    private readonly record struct Outline(int AggregateTrades, int RawTrades, double Drift, double Shock);
}

/// <summary>Where a chunk starts: its price level (log of the mid) and the ids of its first trades.</summary>
internal readonly record struct ChunkStart(long Chunk, double LogMid, long FirstAggId, long FirstRawId);

/// <summary>
/// The trades of one chunk, in arrays reused for the next chunk: the first <see cref="Count"/> entries hold them, and
/// the aggregate id of <c>Trades[i]</c> is <c>FirstAggId + i</c>. The other arrays are the model's scratch space.
/// </summary>
internal sealed class ChunkTrades
{
    public long Chunk { get; private set; } = -1;

    public long FirstAggId { get; private set; }

    public int Count { get; private set; }

    public TapeTrade[] Trades { get; private set; } = [];

    public long[] BidTicks { get; private set; } = [];

    internal long[] Times { get; private set; } = [];

    internal double[] Gaps { get; private set; } = [];

    internal int[] Wanted { get; private set; } = [];

    internal int[] Extras { get; private set; } = [];

    /// <summary>Makes room for <paramref name="count"/> trades of <paramref name="chunk"/>.</summary>
    internal void Reset(long chunk, long firstAggId, int count)
    {
        (Chunk, FirstAggId, Count) = (chunk, firstAggId, count);
        if (Trades.Length < count)
        {
            var capacity = Math.Max(count, Trades.Length * 2);
            Trades = new TapeTrade[capacity];
            BidTicks = new long[capacity];
            Times = new long[capacity];
            Gaps = new double[capacity + 1];
            Wanted = new int[capacity];
            Extras = new int[capacity];
        }
    }
}
