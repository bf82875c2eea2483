namespace MoneyBot.MarketData.Streams;

/// <summary>
/// What a <see cref="BinanceStream"/> delivers: market data (<see cref="KlineMessage"/>,
/// <see cref="AggTradeMessage"/>, <see cref="DepthMessage"/>) and notices that data may be missing
/// (<see cref="ReconnectedMessage"/>, <see cref="MessagesDroppedMessage"/>). A closed family: handle it with a switch.
/// </summary>
public abstract record StreamMessage
{
    private protected StreamMessage(DateTimeOffset receivedAt) => ReceivedAt = receivedAt;

    /// <summary>The local clock when the message arrived (or the notice was made).</summary>
    public DateTimeOffset ReceivedAt { get; }
}
