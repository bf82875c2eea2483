using System.Diagnostics.CodeAnalysis;

namespace MoneyBot.MarketData.Streams;

/// <summary>
/// The default parse step of a <see cref="BinanceStream"/>: <see cref="StreamMessageParser"/>, every kind of message
/// (klines, aggTrades, depth) as a <see cref="StreamMessage"/> record; the notices are delivered as they are.
/// </summary>
/// <param name="streams">The subscribed stream names (see <see cref="StreamMessageParser.TryParse"/>).</param>
public sealed class StreamMessageReader(IReadOnlyList<string> streams) : IStreamFrameReader<StreamMessage>
{
    /// <inheritdoc/>
    public FrameOutcome Read(
        ReadOnlySpan<byte> frame,
        DateTimeOffset receivedAt,
        [MaybeNull] out StreamMessage message,
        out string? error
    ) =>
        StreamMessageParser.TryParse(frame, streams, receivedAt, out message, out error)
            ? FrameOutcome.Message
            : FrameOutcome.Malformed;

    /// <inheritdoc/>
    public StreamMessage Notice(StreamMessage notice) => notice;
}
