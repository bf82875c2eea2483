namespace MoneyBot.MarketData.Streams;

/// <summary>What an <see cref="IStreamFrameReader{TMessage}"/> made of one frame.</summary>
public enum FrameOutcome : byte
{
    /// <summary>A message for the consumer: counted as valid and delivered.</summary>
    Message,

    /// <summary>
    /// Valid, but nothing the consumer wants (a depth message on a trade stream, a subscription answer): counted as a
    /// valid message, so it keeps the connection fresh, and not delivered.
    /// </summary>
    Skipped,

    /// <summary>Unreadable: counted, logged with the reader's reason and an excerpt, skipped.</summary>
    Malformed,
}
