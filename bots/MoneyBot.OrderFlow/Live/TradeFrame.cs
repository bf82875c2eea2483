using MoneyBot.MarketData.Streams;
using MoneyBot.OrderFlow.Flow;

namespace MoneyBot.OrderFlow.Live;

/// <summary>
/// One message of the trades stream as the feed reads it: a value, so a trade costs no allocation on its way from
/// the socket to the metrics.
/// </summary>
/// <param name="Kind">What it carries.</param>
/// <param name="Symbol">The board's own name of the symbol for <see cref="TradeFrameKind.Trade"/>; the name as
/// written for <see cref="TradeFrameKind.UnknownSymbol"/>; null for a notice.</param>
/// <param name="Trade">The trade (not for a notice).</param>
/// <param name="ReceivedAt">The local clock on arrival.</param>
/// <param name="Notice">The notice (<see cref="ReconnectedMessage"/> or <see cref="MessagesDroppedMessage"/>), for
/// <see cref="TradeFrameKind.Notice"/>.</param>
public readonly record struct TradeFrame(
    TradeFrameKind Kind,
    string? Symbol,
    Trade Trade,
    DateTimeOffset ReceivedAt,
    StreamMessage? Notice
);
