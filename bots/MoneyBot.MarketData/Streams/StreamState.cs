namespace MoneyBot.MarketData.Streams;

/// <summary>Where a <see cref="BinanceStream"/>'s connection loop stands.</summary>
public enum StreamState
{
    /// <summary>Not running: not started yet, or disposed.</summary>
    Stopped,

    /// <summary>Opening the first connection (retrying, with backoff, until one opens).</summary>
    Connecting,

    /// <summary>The websocket is open (see <see cref="StreamStatus.LastMessageAt"/> for whether data flows).</summary>
    Connected,

    /// <summary>An open connection was lost: waiting out the backoff or opening the next one.</summary>
    Reconnecting,
}
