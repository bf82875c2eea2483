using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Streams;

/// <summary>An aggregate trade.</summary>
/// <param name="Stream">The stream it came from ("btcusdt@aggTrade"); empty when unknown.</param>
/// <param name="Trade">The trade.</param>
/// <param name="ReceivedAt">The local clock on arrival (for feed lag).</param>
public sealed record AggTradeMessage(string Stream, AggTradeEvent Trade, DateTimeOffset ReceivedAt)
    : StreamMessage(ReceivedAt);
