namespace MoneyBot.MarketData.Streams;

/// <summary>A snapshot of a <see cref="BinanceStream"/>: what it is doing and what went wrong last.</summary>
public sealed record StreamStatus
{
    /// <summary>Connection state.</summary>
    public StreamState State { get; init; }

    /// <summary>When the current connection opened; null while not connected.</summary>
    public DateTimeOffset? ConnectedAt { get; init; }

    /// <summary>When the last valid message arrived (local clock); null before the first.</summary>
    public DateTimeOffset? LastMessageAt { get; init; }

    /// <summary>Connections opened after the first one.</summary>
    public int Reconnects { get; init; }

    /// <summary>Failed connection attempts since the last successful one.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>The last failure, with its cause; kept after recovery (see <see cref="LastErrorAt"/>).</summary>
    public string? LastError { get; init; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Valid messages received.</summary>
    public long Messages { get; init; }

    /// <summary>Messages that could not be read and were skipped.</summary>
    public long Malformed { get; init; }

    /// <summary>Messages dropped because the consumer fell behind.</summary>
    public long Dropped { get; init; }

    /// <summary>
    /// True when no valid message arrived for <paramref name="staleAfter"/> up to <paramref name="now"/> (or none ever
    /// did).
    /// </summary>
    public bool IsStale(DateTimeOffset now, TimeSpan staleAfter) =>
        LastMessageAt is not { } last || now - last > staleAfter;
}
