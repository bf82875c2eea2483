namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The market of one symbol: one seeded trade tape behind every kline interval, every aggTrade
/// query and the order book. The simulator's pump advances it; queries see the trades up to
/// <see cref="ProcessedUntil"/>. Thread-safe.
/// </summary>
public sealed partial class SymbolMarket
{
    private const long FirstAggTradeId = 3_000_000_000; // above int.MaxValue, as on Binance
    private static readonly TimeSpan CandleRetention = TimeSpan.FromDays(30);
    private readonly Lock sync = new();
    private readonly ulong seed;
    private readonly TradeGenerator generator;
    private readonly TradeTape tape = new(FirstAggTradeId);
    private readonly MinuteCandles minutes;
    private readonly long[] liveOpen = new long[CandleInterval.All.Count];
    private readonly TimeSpan tradeRetention;
    private long processedUntil;
    private long bookUpdateId = 1_000_000;

    /// <summary>
    /// Creates the market with no trades yet; the tape starts at <paramref name="historyStartMs"/>
    /// and is a function of (<paramref name="seed"/>, <paramref name="instrument"/>,
    /// <paramref name="tradesPerSecond"/>, <paramref name="historyStartMs"/>) only.
    /// </summary>
    public SymbolMarket(Instrument instrument, ulong seed, double tradesPerSecond, long historyStartMs, TimeSpan tradeRetention)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tradesPerSecond);
        Instrument = instrument;
        this.seed = SeededRandom.Combine(seed, SeededRandom.Hash(instrument.Symbol));
        this.tradeRetention = tradeRetention;
        generator = new TradeGenerator(instrument, this.seed, tradesPerSecond, historyStartMs);
        minutes = new MinuteCandles(historyStartMs, instrument.InitialPrice);
        HistoryStart = minutes.FirstOpen;
        processedUntil = HistoryStart;
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
            lock (sync)
            {
                return processedUntil;
            }
        }
    }

    /// <summary>Trades generated since the start of the history.</summary>
    public long TradesGenerated
    {
        get
        {
            lock (sync)
            {
                return tape.TotalAppended;
            }
        }
    }

    /// <summary>Id of the newest trade (one below the first id when there is none).</summary>
    public long LastTradeId
    {
        get
        {
            lock (sync)
            {
                return tape.NextId - 1;
            }
        }
    }

    /// <summary>Price of the newest trade (the starting price before any).</summary>
    public decimal LastPrice
    {
        get
        {
            lock (sync)
            {
                return minutes.LastClose;
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
        lock (sync)
        {
            if (nowMs <= processedUntil)
            {
                return;
            }

            while (generator.Pending.Time <= nowMs)
            {
                var stored = generator.Take();
                var trade = stored.ToAggTrade(tape.NextId, Instrument);
                if (events is not null)
                {
                    CloseCandles(trade.Time, events);
                }

                tape.Append(stored);
                minutes.Add(trade);
                events?.Add(new TradeEvent(trade));
            }

            minutes.ExtendTo(nowMs);
            processedUntil = nowMs;
            if (events is null)
            {
                ResetLiveCandles();
            }
            else
            {
                CloseCandles(nowMs, events);
            }

            tape.PruneBefore(nowMs - (long)tradeRetention.TotalMilliseconds);
            minutes.PruneBefore(nowMs - (long)CandleRetention.TotalMilliseconds);
        }
    }

    private void CloseCandles(long timeMs, List<MarketEvent> events)
    {
        for (var i = 0; i < liveOpen.Length; i++)
        {
            var interval = CandleInterval.All[i];
            while (liveOpen[i] + interval.Milliseconds <= timeMs)
            {
                var candle = minutes.Aggregate(liveOpen[i], interval.Milliseconds);
                events.Add(new KlineEvent(interval, candle, IsClosed: true, timeMs));
                liveOpen[i] += interval.Milliseconds;
            }
        }
    }

    private void ResetLiveCandles()
    {
        for (var i = 0; i < liveOpen.Length; i++)
        {
            liveOpen[i] = CandleInterval.All[i].OpenTimeOf(processedUntil);
        }
    }
}
