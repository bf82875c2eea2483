namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The market of one symbol: one seeded trade tape behind every kline interval, every aggTrade
/// query and the order book. The simulator's pump advances it; queries see the trades up to
/// <see cref="ProcessedUntil"/>. Thread-safe.
/// </summary>
public sealed partial class SymbolMarket
{
    private static readonly TimeSpan CandleRetention = TimeSpan.FromDays(30);
    private readonly Lock _sync = new();
    private readonly ulong _seed;
    private readonly ITradeSource _generator;
    private readonly TradeTape _tape;
    private readonly MinuteCandles _minutes;
    private readonly long[] _liveOpen = new long[CandleInterval.All.Count];
    private readonly TimeSpan _tradeRetention;
    private long _processedUntil;
    private long _bookUpdateId = 1_000_000;

    /// <summary>
    /// Creates the market with no trades yet, serving history from the minute of <paramref name="historyStartMs"/>.
    /// Every trade, id and candle is a function of (<paramref name="seed"/>, <paramref name="instrument"/>,
    /// <paramref name="tradesPerSecond"/>) and its time only (<see cref="TapeModel"/>): where history starts decides
    /// only how far back it is served.
    /// </summary>
    public SymbolMarket(
        Instrument instrument,
        ulong seed,
        double tradesPerSecond,
        long historyStartMs,
        TimeSpan tradeRetention
    )
        : this(instrument, seed, Minute(historyStartMs), tradeRetention, mixedSeed => new TradeGenerator(
            new TapeModel(instrument, mixedSeed, tradesPerSecond),
            Minute(historyStartMs)
        )) { }

    /// <summary>
    /// Creates the market of a recorded day: its trades come from <paramref name="recording"/>, from the minute of
    /// <paramref name="historyStartMs"/> on (the seed only shapes the synthetic order book).
    /// </summary>
    public SymbolMarket(
        Instrument instrument,
        RecordedTape recording,
        ulong seed,
        long historyStartMs,
        TimeSpan tradeRetention
    )
        : this(instrument, seed, Minute(historyStartMs), tradeRetention, _ => recording.Open(Minute(historyStartMs)))
    {
        ArgumentNullException.ThrowIfNull(recording);
    }

    private SymbolMarket(
        Instrument instrument,
        ulong seed,
        long historyStartMs,
        TimeSpan tradeRetention,
        Func<ulong, ITradeSource> source
    )
    {
        ArgumentNullException.ThrowIfNull(instrument);
        Instrument = instrument;
        _seed = SeededRandom.Combine(seed, SeededRandom.Hash(instrument.Symbol));
        _tradeRetention = tradeRetention;
        _generator = source(_seed);
        _tape = new TradeTape(_generator.PendingId);
        _minutes = new MinuteCandles(historyStartMs, instrument.Price(_generator.PriceTicksBefore));
        HistoryStart = _minutes.FirstOpen;
        _processedUntil = HistoryStart;
        ResetLiveCandles();
    }

    /// <summary>The symbol's grids and starting price.</summary>
    public Instrument Instrument { get; }

    /// <summary>Upper-case symbol.</summary>
    public string Symbol => Instrument.Symbol;

    /// <summary>Where the tape starts (Unix ms, minute-aligned).</summary>
    public long HistoryStart { get; }

    /// <summary>Simulated time (Unix ms) up to which trades have been generated.</summary>
    public long ProcessedUntil
    {
        get
        {
            lock (_sync)
            {
                return _processedUntil;
            }
        }
    }

    /// <summary>Trades generated since the start of the history.</summary>
    public long TradesGenerated
    {
        get
        {
            lock (_sync)
            {
                return _tape.TotalAppended;
            }
        }
    }

    /// <summary>Id of the newest trade (one below the first id when there is none).</summary>
    public long LastTradeId
    {
        get
        {
            lock (_sync)
            {
                return _tape.NextId - 1;
            }
        }
    }

    /// <summary>Price of the newest trade (the starting price before any).</summary>
    public decimal LastPrice
    {
        get
        {
            lock (_sync)
            {
                return _minutes.LastClose;
            }
        }
    }

    /// <summary>Generates the trades up to <paramref name="nowMs"/> without events (history).</summary>
    public void AdvanceTo(long nowMs) => AdvanceTo(nowMs, null);

    /// <summary>
    /// Generates the trades up to <paramref name="nowMs"/>. With <paramref name="events"/>, appends
    /// in time order each trade and each kline close: a candle closes before the first trade at or
    /// after its end, or at the end of the step when its end has been reached.
    /// </summary>
    internal void AdvanceTo(long nowMs, List<MarketEvent>? events)
    {
        lock (_sync)
        {
            if (nowMs <= _processedUntil)
            {
                return;
            }

            while (_generator.Pending.Time <= nowMs)
            {
                var stored = _generator.Take();
                var trade = stored.ToAggTrade(_tape.NextId, Instrument);
                if (events is not null)
                {
                    CloseCandles(trade.Time, events);
                }

                _tape.Append(stored);
                _minutes.Add(trade);
                events?.Add(new TradeEvent(trade));
            }

            _minutes.ExtendTo(nowMs);
            _processedUntil = nowMs;
            if (events is null)
            {
                ResetLiveCandles();
            }
            else
            {
                CloseCandles(nowMs, events);
            }

            _tape.PruneBefore(nowMs - (long)_tradeRetention.TotalMilliseconds);
            _minutes.PruneBefore(nowMs - (long)CandleRetention.TotalMilliseconds);
        }
    }

    private void CloseCandles(long timeMs, List<MarketEvent> events)
    {
        for (var i = 0; i < _liveOpen.Length; i++)
        {
            var interval = CandleInterval.All[i];
            while (_liveOpen[i] + interval.Milliseconds <= timeMs)
            {
                var candle = _minutes.Aggregate(_liveOpen[i], interval.Milliseconds);
                events.Add(new KlineEvent(interval, candle, IsClosed: true, timeMs));
                _liveOpen[i] += interval.Milliseconds;
            }
        }
    }

    private static long Minute(long timeMs) => timeMs - (timeMs % 60_000);

    private void ResetLiveCandles()
    {
        for (var i = 0; i < _liveOpen.Length; i++)
        {
            // A candle that opened before the history is not served: the first one streamed is whole, as in REST.
            var interval = CandleInterval.All[i];
            _liveOpen[i] = Math.Max(interval.OpenTimeOf(_processedUntil), interval.FirstOpenAtOrAfter(HistoryStart));
        }
    }
}
