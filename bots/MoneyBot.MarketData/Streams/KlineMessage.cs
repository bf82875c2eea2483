using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Streams;

/// <summary>A kline update; <c>Event.Kline.IsClosed</c> marks the final one of each candle.</summary>
/// <param name="Stream">The stream it came from ("btcusdt@kline_3m"); empty when unknown.</param>
/// <param name="Event">The event.</param>
/// <param name="ReceivedAt">The local clock on arrival.</param>
public sealed record KlineMessage(string Stream, KlineEvent Event, DateTimeOffset ReceivedAt)
    : StreamMessage(ReceivedAt);
