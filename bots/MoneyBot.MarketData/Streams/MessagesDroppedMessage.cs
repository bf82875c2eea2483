namespace MoneyBot.MarketData.Streams;

/// <summary>
/// The consumer fell behind and the buffer dropped its oldest messages: data is missing before the
/// next message. Treat it like <see cref="ReconnectedMessage"/> (backfill, never assume contiguity).
/// </summary>
/// <param name="Count">Messages dropped since the previous notice.</param>
/// <param name="ReceivedAt">When the consumer was told.</param>
public sealed record MessagesDroppedMessage(long Count, DateTimeOffset ReceivedAt) : StreamMessage(ReceivedAt);
