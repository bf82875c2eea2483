using System.Diagnostics.CodeAnalysis;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// The parse step of a <see cref="BinanceStream{TMessage}"/>: turns each complete text frame into the consumer's
/// message. Called on the stream's receive loop, one frame at a time, while the frame's bytes are valid: they are
/// reused for the next frame, so a message must not point into them. The default is
/// <see cref="StreamMessageReader"/> (every kind of message, as <see cref="StreamMessage"/> records); a consumer
/// of one hot stream plugs in its own reader to parse into a value without allocating.
/// </summary>
/// <typeparam name="TMessage">What the consumer reads.</typeparam>
public interface IStreamFrameReader<TMessage>
{
    /// <summary>Reads one frame.</summary>
    /// <param name="frame">The whole message, UTF-8 text.</param>
    /// <param name="receivedAt">The local clock on arrival.</param>
    /// <param name="message">The message, for <see cref="FrameOutcome.Message"/>.</param>
    /// <param name="error">Why the frame cannot be read, for <see cref="FrameOutcome.Malformed"/>.</param>
    FrameOutcome Read(
        ReadOnlySpan<byte> frame,
        DateTimeOffset receivedAt,
        [MaybeNull] out TMessage message,
        out string? error
    );

    /// <summary>
    /// The stream's own notice that data may be missing (<see cref="ReconnectedMessage"/>,
    /// <see cref="MessagesDroppedMessage"/>) as a message of the consumer's type, delivered in order among the rest.
    /// </summary>
    TMessage Notice(StreamMessage notice);
}
