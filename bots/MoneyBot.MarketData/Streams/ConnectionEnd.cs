namespace MoneyBot.MarketData.Streams;

/// <summary>How one connection attempt ended: the loop's input for backoff, status and the gap notice.</summary>
/// <param name="Reason">The cause, for logs and <see cref="StreamStatus.LastError"/>.</param>
/// <param name="Opened">The websocket opened before it ended.</param>
/// <param name="Planned">Ended on purpose (maximum age): reconnect at once, not a failure.</param>
/// <param name="Uptime">How long it was open.</param>
internal sealed record ConnectionEnd(string Reason, bool Opened, bool Planned, TimeSpan Uptime)
{
    public static ConnectionEnd NotOpened(string reason) => new(reason, false, false, TimeSpan.Zero);
}
