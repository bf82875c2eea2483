using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Supervision;

// The single transition method and what it maintains: the snapshot, the state's timer, the waiters.
public sealed partial class ProgramSupervisor
{
    /// <summary>
    /// The only place the state changes: checks the move, arms the new state's timer (if any), logs the
    /// move, publishes it and wakes waiters. The timer is armed before anyone hears of the new state.
    /// </summary>
    private void Transition(ProgramState to, string why, TimeSpan? timerDelay = null)
    {
        var from = state;
        if (!StateMachine.IsLegal(from, to))
        {
            Log.IllegalTransition(logger, Name, from, to, why);
            throw new InvalidOperationException($"{Name}: illegal transition {from} -> {to} ({why})");
        }

        epoch++;
        timer?.Dispose();
        timer = timerDelay is { } delay ? Arm(delay) : null;
        state = to;
        reason = why;
        if (to == Running)
        {
            ArmWatchdog();
        }
        else if (from == Running)
        {
            DisarmWatchdog();
        }

        Publish();
        Log.Transition(logger, Name, from, to, why);
        events.Publish(new ProgramStateChanged(
            time.GetUtcNow(), Name, from, to, why, child?.Pid, to is Backoff or Exited or Fatal or Stopped ? lastExit : null,
            restarts, nextRetryAt is { } next ? next - time.GetUtcNow() : null, lastUptime, operatorAction));

        if (to is Running or Backoff or Exited or Fatal)
        {
            CompleteAll(startWaiters);
        }
        else if (to == Stopped)
        {
            CompleteAll(stopWaiters);
        }
    }

    private void CompleteAll(List<TaskCompletionSource<ProgramStatus>> waiters)
    {
        foreach (var waiter in waiters)
        {
            waiter.TrySetResult(snapshot);
        }

        waiters.Clear();
    }

    private void Publish()
    {
        var status = BuildSnapshot();
        lock (snapshotGate)
        {
            snapshot = status;
        }

        onChanged(this);
    }

    private ProgramStatus BuildSnapshot() => new(
        config.Name, config.Group, state, child?.Pid, null, restarts, lastExit, lastExitAt,
        state is Backoff or Fatal ? nextRetryAt : null, statusText, reason, stoppedByOperator, config.Autostart, child?.StartTime);

    private ITimer Arm(TimeSpan delay)
    {
        var expected = epoch;
        return time.CreateTimer(
            _ => inbox.Writer.TryWrite(new ProgramMessage.TimerFired(expected)), null, delay, Timeout.InfiniteTimeSpan);
    }
}
