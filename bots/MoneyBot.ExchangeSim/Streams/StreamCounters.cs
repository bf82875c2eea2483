namespace MoneyBot.ExchangeSim.Streams;

/// <summary>Counters of the websocket side, for the status endpoint. Thread-safe.</summary>
internal sealed class StreamCounters
{
    private long accepted;
    private long sent;
    private long suppressed;
    private long slowDropped;

    public long Accepted => Interlocked.Read(ref accepted);

    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Messages not sent because of a stall.</summary>
    public long Suppressed => Interlocked.Read(ref suppressed);

    /// <summary>Connections dropped because their queue was full.</summary>
    public long SlowDropped => Interlocked.Read(ref slowDropped);

    public void OnAccepted() => Interlocked.Increment(ref accepted);

    public void OnSent() => Interlocked.Increment(ref sent);

    public void OnSuppressed() => Interlocked.Increment(ref suppressed);

    public void OnSlowDropped() => Interlocked.Increment(ref slowDropped);
}
