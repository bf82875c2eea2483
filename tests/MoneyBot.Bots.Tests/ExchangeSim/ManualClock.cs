namespace MoneyBot.Bots.Tests.ExchangeSim;

/// <summary>A real-time clock for tests that moves only in <see cref="Advance"/>, firing the timers that come due, in order.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock sync = new();
    private readonly List<Timer> timers = [];
    private TimeSpan elapsed;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero) + Elapsed;

    /// <inheritdoc/>
    public override long GetTimestamp() => Elapsed.Ticks;

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        lock (sync)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="by"/>, firing due timers on the calling thread.</summary>
    public void Advance(TimeSpan by)
    {
        TimeSpan target;
        lock (sync)
        {
            target = elapsed + by;
        }

        while (true)
        {
            Timer? due;
            lock (sync)
            {
                due = timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (due is null)
                {
                    elapsed = target;
                    return;
                }

                elapsed = due.Due!.Value;
                due.Due = due.Period > TimeSpan.Zero ? elapsed + due.Period : null;
            }

            due.Fire();
        }
    }

    private TimeSpan Elapsed
    {
        get
        {
            lock (sync)
            {
                return elapsed;
            }
        }
    }

    private sealed class Timer(ManualClock owner, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan? Due { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner.sync)
            {
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.elapsed + dueTime;
            }

            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.sync)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
