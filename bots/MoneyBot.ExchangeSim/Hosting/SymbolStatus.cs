namespace MoneyBot.ExchangeSim.Hosting;

/// <summary>Status of one simulated symbol.</summary>
/// <param name="Symbol">Upper-case symbol.</param>
/// <param name="LastPrice">Price of the newest trade.</param>
/// <param name="LastTradeId">Id of the newest aggregate trade.</param>
/// <param name="TradesGenerated">Trades since the start of the history.</param>
/// <param name="HistoryStart">Where the tape starts.</param>
public sealed record SymbolStatus(string Symbol, decimal LastPrice, long LastTradeId, long TradesGenerated, DateTimeOffset HistoryStart);
