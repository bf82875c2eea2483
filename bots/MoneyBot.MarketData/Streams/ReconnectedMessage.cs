namespace MoneyBot.MarketData.Streams;

/// <summary>
/// The connection was lost and is open again: anything the exchange sent in between is missing.
/// A consumer backfills from its own last item by REST; it must never treat the data on either
/// side of this notice as contiguous. Comes before the first message of the new connection.
/// </summary>
/// <param name="GapStart">The last moment data was known to flow: the last message of the old connection (or its
/// opening when none came).</param>
/// <param name="Reason">Why the old connection ended ("stale: no message for 60s", "planned reconnect after
/// 23:50:00"...).</param>
/// <param name="Reconnects">Reconnections so far, this one included.</param>
/// <param name="ReceivedAt">When the new connection opened.</param>
public sealed record ReconnectedMessage(
    DateTimeOffset GapStart,
    string Reason,
    int Reconnects,
    DateTimeOffset ReceivedAt
) : StreamMessage(ReceivedAt);
