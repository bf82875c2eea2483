using Microsoft.Extensions.Time.Testing;

namespace MoneyBot.TestSupport;

/// <summary>
/// The one fake clock of the tests: <see cref="FakeTimeProvider"/> (time moves only on <c>Advance</c>, which fires
/// the timers that come due, in order, on the caller's thread), plus what our tests need on top of it:
/// <see cref="WhenTimerPendingAsync"/> lets a test wait until the code under test is waiting on the clock.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    /// <summary>Where a clock made without a start begins: 2026-11-21T23:27:13.123Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 21, 23, 27, 13, 123, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly HashSet<TrackedTimer> _armed = [];
    private TaskCompletionSource _timerArmed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts at <see cref="DefaultStart"/>.</summary>
    public TestClock()
        : this(DefaultStart) { }

    /// <summary>Starts at <paramref name="start"/>.</summary>
    public TestClock(DateTimeOffset start)
        : base(start) { }

    /// <summary>How many timers are scheduled to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (_lock)
            {
                return _armed.Count;
            }
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new TrackedTimer(this, callback, state);
        timer.Attach(base.CreateTimer(timer.Fire, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes once at least one timer is scheduled (at once if one already is).</summary>
    public Task WhenTimerPendingAsync()
    {
        lock (_lock)
        {
            return _armed.Count > 0 ? Task.CompletedTask : _timerArmed.Task;
        }
    }

    private void Track(TrackedTimer timer, bool armed)
    {
        TaskCompletionSource? signal = null;
        lock (_lock)
        {
            if (!armed)
            {
                _armed.Remove(timer);
                return;
            }

            _armed.Add(timer);
            signal = _timerArmed;
            _timerArmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    /// <summary>
    /// Wraps the fake's timer to know whether it is armed (set by <c>Change</c>, cleared when a one-shot timer
    /// fires). A due time of zero fires on the thread pool, as <see cref="System.Threading.Timer"/> does, instead of
    /// inside <c>Change</c> on the caller's thread (which the fake does, and which could run the callback while the
    /// code under test holds a lock).
    /// </summary>
    private sealed class TrackedTimer(TestClock owner, TimerCallback callback, object? state) : ITimer
    {
        private ITimer? _inner;
        private bool _periodic;

        public void Attach(ITimer inner) => _inner = inner;

        public void Fire(object? ignored)
        {
            if (!_periodic)
            {
                owner.Track(this, armed: false);
            }

            callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _periodic = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan;
            owner.Track(this, armed: dueTime != Timeout.InfiniteTimeSpan);
            if (dueTime != TimeSpan.Zero)
            {
                return _inner!.Change(dueTime, period);
            }

            _inner!.Change(_periodic ? period : Timeout.InfiniteTimeSpan, period);
            ThreadPool.QueueUserWorkItem(_ => Fire(null));
            return true;
        }

        public void Dispose()
        {
            owner.Track(this, armed: false);
            _inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
