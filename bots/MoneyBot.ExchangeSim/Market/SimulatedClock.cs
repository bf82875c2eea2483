namespace MoneyBot.ExchangeSim.Market;

/// <summary>
/// The exchange's clock: starts at <see cref="Start"/> and runs <see cref="Speed"/> times faster
/// than the injected <see cref="TimeProvider"/> (at 60x a 3m candle closes every 3 s).
/// Monotonic: built on the provider's timestamps, not its wall clock.
/// </summary>
public sealed class SimulatedClock
{
    private readonly TimeProvider _time;
    private readonly long _origin;

    /// <summary>Starts the clock now (in <paramref name="time"/>) at <paramref name="start"/>.</summary>
    public SimulatedClock(TimeProvider time, DateTimeOffset start, double speed)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _time = time;
        Start = start;
        Speed = speed;
        _origin = time.GetTimestamp();
    }

    /// <summary>Simulated time when the clock started.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; }

    /// <summary>Simulated time now, Unix ms.</summary>
    public long NowMs =>
        Start.ToUnixTimeMilliseconds() + (long)(_time.GetElapsedTime(_origin).TotalMilliseconds * Speed);

    /// <summary>Simulated time now.</summary>
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);
}
