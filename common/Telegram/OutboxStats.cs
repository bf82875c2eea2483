namespace MoneyBot.Common.Telegram;

/// <summary>Thread-safe counters of an outbox.</summary>
internal sealed class OutboxStats
{
    private long _sent;
    private long _dropped;
    private long _retries;

    public long Sent => Interlocked.Read(ref _sent);

    public long Dropped => Interlocked.Read(ref _dropped);

    public long Retries => Interlocked.Read(ref _retries);

    public void CountSent() => Interlocked.Increment(ref _sent);

    public long CountDropped() => Interlocked.Increment(ref _dropped);

    public void CountRetry() => Interlocked.Increment(ref _retries);
}
