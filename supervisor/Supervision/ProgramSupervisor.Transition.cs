using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Supervision;

// The single transition method and what it maintains: the snapshot, the state's timer, the waiters.
public sealed partial class ProgramSupervisor
{
    /// <summary>
    /// The only place the state changes: checks the move, arms the new state's timer (if any), logs the
    /// move, publishes it and wakes waiters. The timer is armed before anyone hears of the new state.
    /// </summary>
    /// <param name="to">The new state.</param>
    /// <param name="why">The reason, as <c>status</c> shows it.</param>
    /// <param name="timerDelay">When the new state's timer fires, if it has one.</param>
    /// <param name="plan">When what the reason announces happens (" in 4s"), appended to it in the log line and the
    /// event, which are read later; not in the status, whose own live countdown ("retry in 3s") would contradict
    /// it.</param>
    private void Transition(ProgramState to, string why, TimeSpan? timerDelay = null, string? plan = null)
    {
        var from = _state;
        if (!StateMachine.IsLegal(from, to))
        {
            Log.IllegalTransition(_logger, Name, from, to, why);
            throw new InvalidOperationException($"{Name}: illegal transition {from} -> {to} ({why})");
        }

        _epoch++;
        _timer?.Dispose();
        _timer = timerDelay is { } delay ? Arm(delay) : null;
        _state = to;
        _reason = why;
        if (to == Running)
        {
            ArmWatchdog();
        }
        else if (from == Running)
        {
            DisarmWatchdog();
        }

        Publish();
        var told = why + plan;
        Log.Transition(_logger, Name, from, to, told);
        _events.Publish(
            new ProgramStateChanged(
                _time.GetUtcNow(),
                Name,
                from,
                to,
                told,
                _child?.Pid,
                to is Backoff or Exited or Fatal or Stopped ? _lastExit : null,
                _restarts,
                _nextRetryAt is { } next ? next - _time.GetUtcNow() : null,
                _lastUptime,
                _operatorAction
            )
        );

        if (to is Running or Backoff or Exited or Fatal)
        {
            CompleteAll(_startWaiters);
        }
        else if (to == Stopped)
        {
            CompleteAll(_stopWaiters);
        }
    }

    private void CompleteAll(List<TaskCompletionSource<ProgramStatus>> waiters)
    {
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(_snapshot);
        }

        waiters.Clear();
    }

    private void Publish()
    {
        var status = BuildSnapshot();
        lock (_snapshotGate)
        {
            _snapshot = status;
        }

        _onChanged(this);
    }

    private ProgramStatus BuildSnapshot() =>
        new(
            _config.Name,
            _config.Group,
            _state,
            _child?.Pid,
            null,
            _restarts,
            _lastExit,
            _lastExitAt,
            _state is Backoff or Fatal ? _nextRetryAt : null,
            _statusText,
            _reason,
            _stoppedByOperator,
            _config.Autostart,
            _child?.StartTime
        );

    private ITimer Arm(TimeSpan delay)
    {
        var expected = _epoch;
        return _time.CreateTimer(
            _ => _inbox.Writer.TryWrite(new ProgramMessage.TimerFired(expected)),
            null,
            delay,
            Timeout.InfiniteTimeSpan
        );
    }
}
