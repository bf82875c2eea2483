namespace MoneyBot.Bots.Tests.Infrastructure;

/// <summary>A clock that moves only when told: <see cref="Advance"/> fires, in order, the timers that come due.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<Timer> timers = [];
    private readonly DateTimeOffset start;
    private TimeSpan elapsed;
    private TaskCompletionSource scheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="start">What <see cref="GetUtcNow"/> says before any <see cref="Advance"/> (default 2025-11-21 12:00 UTC).</param>
    public ManualClock(DateTimeOffset? start = null) =>
        this.start = start ?? new DateTimeOffset(2025, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return start + elapsed;
        }
    }

    public override long GetTimestamp()
    {
        lock (gate)
        {
            return elapsed.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes once a timer is scheduled to fire (at once if one is): the code under test is waiting on the clock.</summary>
    public Task WhenTimerPendingAsync()
    {
        lock (gate)
        {
            return timers.Any(t => t.Due is not null) ? Task.CompletedTask : scheduled.Task;
        }
    }

    public void Advance(TimeSpan by)
    {
        TimeSpan target;
        lock (gate)
        {
            target = elapsed + by;
        }

        while (true)
        {
            Timer? due;
            lock (gate)
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

    private sealed class Timer(ManualClock owner, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan? Due { get; set; }

        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            TaskCompletionSource? signal = null;
            lock (owner.gate)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner.elapsed + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                if (Due is not null)
                {
                    signal = owner.scheduled;
                    owner.scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            signal?.TrySetResult();
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner.gate)
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
