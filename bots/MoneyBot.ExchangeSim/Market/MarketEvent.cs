namespace MoneyBot.ExchangeSim.Market;

/// <summary>Something the market produced while advancing, in the order it happened.</summary>
/// <param name="EventTime">Simulated time of the event, Unix ms (Binance's <c>E</c>).</param>
internal abstract record MarketEvent(long EventTime);

/// <summary>A trade was printed.</summary>
internal sealed record TradeEvent(AggTrade Trade) : MarketEvent(Trade.Time);

/// <summary>A kline changed (<paramref name="IsClosed"/> false) or closed (true, exactly once per candle).</summary>
internal sealed record KlineEvent(CandleInterval Interval, Candle Candle, bool IsClosed, long EventTime)
    : MarketEvent(EventTime);
