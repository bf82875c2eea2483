namespace MoneyBot.ExchangeSim.Streams;

/// <summary>Counters of the websocket side, for the status endpoint. Thread-safe.</summary>
internal sealed class StreamCounters
{
    private long _accepted;
    private long _sent;
    private long _suppressed;
    private long _slowDropped;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages not sent because of a stall.</summary>
    public long Suppressed => Interlocked.Read(ref _suppressed);

    /// <summary>Connections dropped because their queue was full.</summary>
    public long SlowDropped => Interlocked.Read(ref _slowDropped);

    public void OnAccepted() => Interlocked.Increment(ref _accepted);

    public void OnSent() => Interlocked.Increment(ref _sent);

    public void OnSuppressed() => Interlocked.Increment(ref _suppressed);

    public void OnSlowDropped() => Interlocked.Increment(ref _slowDropped);
}
