using MoneyBot.MarketData.Models;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// A partial-book snapshot (<c>&lt;symbol&gt;@depth20@100ms</c>): each message is the whole top of the book.
/// </summary>
/// <param name="Stream">The stream it came from; empty when unknown.</param>
/// <param name="Symbol">Symbol, upper case (from the message, or else from the stream name).</param>
/// <param name="Book">The levels.</param>
/// <param name="EventTime">The exchange's event time (futures only; spot partial depth carries none).</param>
/// <param name="ReceivedAt">The local clock on arrival.</param>
public sealed record DepthMessage(
    string Stream,
    string Symbol,
    DepthSnapshot Book,
    DateTimeOffset? EventTime,
    DateTimeOffset ReceivedAt
) : StreamMessage(ReceivedAt);
