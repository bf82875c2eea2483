namespace MoneyBot.ExchangeSim.Faults;

/// <summary>
/// The timed faults in force: a stall (sockets stay open, nothing is sent), a refusal (new
/// websocket and REST requests get 503) and a freeze (the market pump makes no step). Durations are
/// real time on the injected clock. Thread-safe.
/// </summary>
internal sealed class FaultState(TimeProvider time)
{
    private long _stallUntil = long.MinValue;
    private long _refuseUntil = long.MinValue;
    private long _freezeUntil = long.MinValue;

    public bool IsStalled => time.GetTimestamp() < Interlocked.Read(ref _stallUntil);

    public bool IsRefusing => time.GetTimestamp() < Interlocked.Read(ref _refuseUntil);

    public bool IsFrozen => time.GetTimestamp() < Interlocked.Read(ref _freezeUntil);

    public TimeSpan StallRemaining => Remaining(Interlocked.Read(ref _stallUntil));

    public TimeSpan RefuseRemaining => Remaining(Interlocked.Read(ref _refuseUntil));

    public void Stall(TimeSpan duration) => Interlocked.Exchange(ref _stallUntil, Deadline(duration));

    public void Refuse(TimeSpan duration) => Interlocked.Exchange(ref _refuseUntil, Deadline(duration));

    public void Freeze(TimeSpan duration) => Interlocked.Exchange(ref _freezeUntil, Deadline(duration));

    public void Clear()
    {
        Interlocked.Exchange(ref _stallUntil, long.MinValue);
        Interlocked.Exchange(ref _refuseUntil, long.MinValue);
        Interlocked.Exchange(ref _freezeUntil, long.MinValue);
    }

    private long Deadline(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return time.GetTimestamp() + (long)(duration.TotalSeconds * time.TimestampFrequency);
    }

    private TimeSpan Remaining(long deadline)
    {
        var now = time.GetTimestamp();
        return deadline <= now
            ? TimeSpan.Zero
            : TimeSpan.FromSeconds((double)(deadline - now) / time.TimestampFrequency);
    }
}
