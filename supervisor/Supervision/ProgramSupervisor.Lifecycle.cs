using MoneyBot.Common.Resilience;
using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Logging;
using MoneyBot.Supervisor.Processes;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Supervision;

// The handlers: everything here runs on the program's single loop.
public sealed partial class ProgramSupervisor
{
    private readonly Queue<long> recentRestarts = new();
    private readonly List<TaskCompletionSource<ProgramStatus>> startWaiters = [];
    private readonly List<TaskCompletionSource<ProgramStatus>> stopWaiters = [];
    private ProgramConfig config;
    private ProgramLogs logs;
    private BackoffTracker backoff;
    private ProgramStatus snapshot;
    private ProgramState state = Stopped;
    private ChildProcess? child;
    private Task pump = Task.CompletedTask;
    private long spawnedAt;
    private int epoch;
    private ITimer? timer;
    private int restarts;
    private ExitStatus? lastExit;
    private DateTimeOffset? lastExitAt;
    private DateTimeOffset? nextRetryAt;
    private string reason;
    private bool stoppedByOperator;
    private bool retryingAfterFatal;
    private string? killReason;

    /// <returns>True when the loop must end.</returns>
    private async Task<bool> HandleAsync(ProgramMessage message)
    {
        switch (message)
        {
            case ProgramMessage.Start start:
                HandleStart(start);
                break;
            case ProgramMessage.Stop stop:
                HandleStop(stop.Done, stop.ByOperator);
                break;
            case ProgramMessage.ProcessExited exited when exited.Child == child:
                await HandleExitAsync(exited.Child, exited.Status).ConfigureAwait(false);
                break;
            case ProgramMessage.ProcessExited:
                break; // an exit of a process we already gave up on
            case ProgramMessage.TimerFired fired when fired.Epoch == epoch:
                HandleTimer();
                break;
            case ProgramMessage.TimerFired:
                break; // a timer of an earlier state
            case ProgramMessage.Reconfigure reconfigure:
                await HandleReconfigureAsync(reconfigure).ConfigureAwait(false);
                break;
            case ProgramMessage.Shutdown shutdown:
                await HandleShutdownAsync().ConfigureAwait(false);
                shutdown.Done.TrySetResult(snapshot);
                return true;
        }

        return false;
    }

    private void HandleStart(ProgramMessage.Start start)
    {
        if (start.ByOperator)
        {
            stoppedByOperator = false;
        }

        switch (state)
        {
            case Running:
                start.Done.TrySetResult(Status());
                break;
            case Starting:
                startWaiters.Add(start.Done);
                break;
            case Stopping:
                startWaiters.Add(start.Done); // started again once the stop completes
                break;
            default:
                startWaiters.Add(start.Done);
                if (start.ByOperator)
                {
                    ForgetFailures();
                }

                Spawn(start.ByOperator ? "started by operator" : "autostart");
                break;
        }
    }

    private void HandleStop(TaskCompletionSource<ProgramStatus> done, bool byOperator)
    {
        stoppedByOperator |= byOperator;
        CompleteAll(startWaiters);
        switch (state)
        {
            case Starting or Running:
                stopWaiters.Add(done);
                child!.SignalGroup((int)config.StopSignal);
                Transition(Stopping, byOperator ? "stop requested by operator" : "stop requested", config.StopTimeout);
                break;
            case Stopping:
                stopWaiters.Add(done);
                break;
            case Backoff or Exited or Fatal:
                stopWaiters.Add(done);
                Transition(Stopped, byOperator ? "stopped by operator" : "stopped");
                break;
            default:
                Publish(); // the operator flag may have changed
                done.TrySetResult(snapshot);
                break;
        }
    }

    private async Task HandleExitAsync(ChildProcess exitedChild, ExitStatus status)
    {
        var uptime = time.GetElapsedTime(spawnedAt);
        exitedChild.KillTree(); // nothing of the program may outlive its main process
        try
        {
            await pump.WaitAsync(TimeSpan.FromSeconds(2), time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.OutputStillOpen(logger, Name, exitedChild.Pid);
        }

        Log.ProcessEnded(logger, Name, exitedChild.Pid, status, uptime);
        child = null;
        lastExit = status;
        lastExitAt = time.GetUtcNow();
        await exitedChild.DisposeAsync().ConfigureAwait(false);
        var why = killReason ?? status.ToString();
        killReason = null;

        if (state == Stopping)
        {
            Transition(Stopped, stoppedByOperator ? $"stopped by operator ({status})" : $"stopped ({status})");
            if (startWaiters.Count > 0)
            {
                Spawn("restart requested");
            }

            return;
        }

        var expected = config.Restart == RestartMode.Never ||
            (config.Restart == RestartMode.OnFailure && status.Code is { } code && config.ExitCodes.Contains(code));
        if (expected)
        {
            Transition(Exited, $"{status} (expected)");
            return;
        }

        var early = state == Starting ? $" within start_secs ({Durations.Format(uptime)})" : $" after {Durations.Format(uptime)}";
        OnUnexpectedExit(uptime, why + early);
    }

    private void OnUnexpectedExit(TimeSpan uptime, string why)
    {
        var now = time.GetTimestamp();
        while (recentRestarts.TryPeek(out var t) && time.GetElapsedTime(t, now) > config.GiveUp.Within)
        {
            recentRestarts.Dequeue();
        }

        if (uptime >= config.Backoff.ResetAfter)
        {
            retryingAfterFatal = false;
        }

        if (retryingAfterFatal || recentRestarts.Count >= config.GiveUp.Restarts)
        {
            var retry = config.GiveUp.RetryAfter;
            nextRetryAt = retry is { } r ? time.GetUtcNow() + r : null;
            var after = retry is { } ra ? $"; one more try in {Durations.Format(ra)}" : string.Empty;
            Transition(Fatal, $"{why}; gave up after {recentRestarts.Count} restarts within {Durations.Format(config.GiveUp.Within)}{after}", retry);

            return;
        }

        var backoffDelay = backoff.NextDelay(uptime);
        recentRestarts.Enqueue(now);
        nextRetryAt = time.GetUtcNow() + backoffDelay;
        Transition(Backoff, $"{why}; restart {backoff.Attempt} in {Durations.Format(backoffDelay)}", backoffDelay);
    }

    private void HandleTimer()
    {
        switch (state)
        {
            case Starting:
                Transition(Running, $"up for {Durations.Format(config.StartSecs)}");
                break;
            case Backoff:
                restarts++;
                Spawn($"restart after backoff (attempt {backoff.Attempt})");
                break;
            case Fatal:
                retryingAfterFatal = true;
                restarts++;
                Spawn("retry_after elapsed: one more try");
                break;
            case Stopping when child is not null:
                Log.StopTimedOut(logger, Name, child.Pid, config.StopTimeout);
                killReason = "killed after stop_timeout";
                child.KillTree();
                break;
        }
    }

    private void Spawn(string why)
    {
        nextRetryAt = null;
        try
        {
            var spec = new ChildProcessSpec(config.Command, config.Args, config.WorkingDirectory, config.Environment);
            child = ChildProcess.Start(spec);
        }
        catch (ChildStartException e)
        {
            Log.SpawnFailed(logger, Name, e.Message);
            Transition(Starting, why);
            OnUnexpectedExit(TimeSpan.Zero, "could not start: " + e.Message);
            return;
        }

        var started = child;
        spawnedAt = time.GetTimestamp();
        pump = logs.PumpAsync(started.StandardOutput, started.StandardError);
        _ = started.Exited.ContinueWith(
            t => inbox.Writer.TryWrite(new ProgramMessage.ProcessExited(started, t.Result)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        Log.Spawned(logger, Name, started.Pid);
        if (config.StartSecs <= TimeSpan.Zero)
        {
            Transition(Starting, why);
            Transition(Running, "start_secs is 0");
        }
        else
        {
            Transition(Starting, why, config.StartSecs);
        }
    }

    private async Task HandleReconfigureAsync(ProgramMessage.Reconfigure reconfigure)
    {
        if (StateMachine.HasProcess(state))
        {
            reconfigure.Done.TrySetException(new InvalidOperationException($"program '{Name}' must be stopped before it is reconfigured"));
            return;
        }

        var old = config;
        config = reconfigure.Config;
        backoff = new BackoffTracker(config.Backoff, random);
        if (old.Logs != config.Logs)
        {
            await logs.DisposeAsync().ConfigureAwait(false);
            logs = new ProgramLogs(logDir, config.Name, config.Logs, time, logger, masker);
        }

        Publish();
        reconfigure.Done.TrySetResult(snapshot);
    }

    private async Task HandleShutdownAsync()
    {
        timer?.Dispose();
        if (child is { } running)
        {
            running.KillTree();
            await running.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await running.DisposeAsync().ConfigureAwait(false);
            child = null;
        }

        inbox.Writer.TryComplete();
        foreach (var waiter in startWaiters.Concat(stopWaiters))
        {
            waiter.TrySetResult(snapshot);
        }
    }

    private void ForgetFailures()
    {
        backoff.Reset();
        recentRestarts.Clear();
        retryingAfterFatal = false;
    }

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
        Publish();
        Log.Transition(logger, Name, from, to, why);
        events.Publish(new ProgramStateChanged(
            time.GetUtcNow(), Name, from, to, why, child?.Pid, to is Backoff or Exited or Fatal or Stopped ? lastExit : null,
            restarts, nextRetryAt is { } next ? next - time.GetUtcNow() : null));

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
        state is Backoff or Fatal ? nextRetryAt : null, null, reason, stoppedByOperator, config.Autostart, child?.StartTime);

    private ITimer Arm(TimeSpan delay)
    {
        var expected = epoch;
        return time.CreateTimer(
            _ => inbox.Writer.TryWrite(new ProgramMessage.TimerFired(expected)), null, delay, Timeout.InfiniteTimeSpan);
    }
}
