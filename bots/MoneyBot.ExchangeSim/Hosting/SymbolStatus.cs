namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>Status of one simulated symbol.</summary>
/// <param name="Symbol">Upper-case symbol.</param>
/// <param name="LastPrice">Price of the newest trade.</param>
/// <param name="LastTradeId">Id of the newest aggregate trade.</param>
/// <param name="TradesGenerated">Trades since the start of the history.</param>
/// <param name="HistoryStart">Where the tape starts.</param>
/// <param name="TradesSkipped">AggTrades withheld from the websockets by the skip-trades fault (REST serves
/// them).</param>
/// <param name="TradesToSkip">AggTrades the skip-trades fault will still withhold.</param>
public sealed record SymbolStatus(
    string Symbol,
    decimal LastPrice,
    long LastTradeId,
    long TradesGenerated,
    DateTimeOffset HistoryStart,
    long TradesSkipped,
    long TradesToSkip
);
