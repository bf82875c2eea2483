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
    private TimeSpan? lastUptime;
    private bool operatorAction;

    /// <returns>True when the loop must end.</returns>
    private async Task<bool> HandleAsync(ProgramMessage message)
    {
        operatorAction = message is ProgramMessage.Start { ByOperator: true } or ProgramMessage.Stop { ByOperator: true } ||
            (message is ProgramMessage.ProcessExited && state == Stopping && stoppedByOperator);
        if (message is not ProgramMessage.ProcessExited)
        {
            lastUptime = null;
        }

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
            case ProgramMessage.Notified notified:
                HandleNotified(notified.Message);
                break;
            case ProgramMessage.WatchdogExpired expired:
                HandleWatchdogExpired(expired.Generation);
                break;
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

    private void HandleTimer()
    {
        switch (state)
        {
            case Starting when config.Ready == ReadyMode.Notify && child is not null:
                Log.ReadyTimeout(logger, Name, child.Pid, config.ReadyTimeout);
                killReason = $"no READY=1 within ready_timeout ({Durations.Format(config.ReadyTimeout)})";
                child.KillTree();
                break;
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
            var spec = new ChildProcessSpec(config.Command, config.Args, config.WorkingDirectory, ChildEnvironment());
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
        statusText = null;
        spawnedAt = time.GetTimestamp();
        pump = logs.PumpAsync(started.StandardOutput, started.StandardError);
        _ = started.Exited.ContinueWith(
            t => inbox.Writer.TryWrite(new ProgramMessage.ProcessExited(started, t.Result)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        Log.Spawned(logger, Name, started.Pid);
        if (config.Ready == ReadyMode.Notify)
        {
            Transition(Starting, why, config.ReadyTimeout);
        }
        else if (config.StartSecs <= TimeSpan.Zero)
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
        DisarmWatchdog();
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
}
