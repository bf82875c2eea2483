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
    private readonly Queue<long> _recentRestarts = new();
    private readonly List<TaskCompletionSource<ProgramStatus>> _startWaiters = [];
    private readonly List<TaskCompletionSource<ProgramStatus>> _stopWaiters = [];
    private ProgramConfig _config;
    private ProgramLogs _logs;
    private BackoffTracker _backoff;
    private ProgramStatus _snapshot;
    private ProgramState _state = Stopped;
    private ChildProcess? _child;
    private Task _pump = Task.CompletedTask;
    private long _spawnedAt;
    private int _epoch;
    private ITimer? _timer;
    private int _restarts;
    private ExitStatus? _lastExit;
    private DateTimeOffset? _lastExitAt;
    private DateTimeOffset? _nextRetryAt;
    private string _reason;
    private bool _stoppedByOperator;
    private bool _retryingAfterFatal;
    private string? _killReason;
    private TimeSpan? _lastUptime;
    private bool _operatorAction;

    /// <returns>True when the loop must end.</returns>
    private async Task<bool> HandleAsync(ProgramMessage message)
    {
        _operatorAction =
            message is ProgramMessage.Start { ByOperator: true } or ProgramMessage.Stop { ByOperator: true }
            || (message is ProgramMessage.ProcessExited && _state == Stopping && _stoppedByOperator);
        if (message is not ProgramMessage.ProcessExited)
        {
            _lastUptime = null;
        }

        switch (message)
        {
            case ProgramMessage.Start start:
                HandleStart(start);
                break;
            case ProgramMessage.Stop stop:
                HandleStop(stop.Done, stop.ByOperator);
                break;
            case ProgramMessage.ProcessExited exited when exited.Child == _child:
                await HandleExitAsync(exited.Child, exited.Status).ConfigureAwait(false);
                break;
            case ProgramMessage.ProcessExited:
                break; // an exit of a process we already gave up on
            case ProgramMessage.TimerFired fired when fired.Epoch == _epoch:
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
            case ProgramMessage.ShowWaiting waiting:
                if (_state is Stopped or Exited)
                {
                    _reason = waiting.Reason;
                    Publish();
                }

                waiting.Done.TrySetResult(_snapshot);
                break;
            case ProgramMessage.Reconfigure reconfigure:
                await HandleReconfigureAsync(reconfigure).ConfigureAwait(false);
                break;
            case ProgramMessage.Shutdown shutdown:
                await HandleShutdownAsync().ConfigureAwait(false);
                shutdown.Done.TrySetResult(_snapshot);
                return true;
        }

        return false;
    }

    private void HandleStart(ProgramMessage.Start start)
    {
        if (start.ByOperator)
        {
            _stoppedByOperator = false;
        }

        switch (_state)
        {
            case Running:
                start.Done.TrySetResult(Status());
                break;
            case Starting:
                _startWaiters.Add(start.Done);
                break;
            case Stopping:
                _startWaiters.Add(start.Done); // started again once the stop completes
                break;
            default:
                _startWaiters.Add(start.Done);
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
        _stoppedByOperator |= byOperator;
        CompleteAll(_startWaiters);
        switch (_state)
        {
            case Starting or Running:
                _stopWaiters.Add(done);
                _child!.SignalGroup((int)_config.StopSignal);
                Transition(Stopping, byOperator ? "stop requested by operator" : "stop requested", _config.StopTimeout);
                break;
            case Stopping:
                _stopWaiters.Add(done);
                break;
            case Backoff or Exited or Fatal:
                _stopWaiters.Add(done);
                Transition(Stopped, byOperator ? "stopped by operator" : "stopped");
                break;
            default:
                Publish(); // the operator flag may have changed
                done.TrySetResult(_snapshot);
                break;
        }
    }

    private void HandleTimer()
    {
        switch (_state)
        {
            case Starting when _config.Ready == ReadyMode.Notify && _child is not null:
                Log.ReadyTimeout(_logger, Name, _child.Pid, _config.ReadyTimeout);
                _killReason = $"no READY=1 within ready_timeout ({Durations.Format(_config.ReadyTimeout)})";
                _child.KillTree();
                break;
            case Starting:
                Transition(Running, $"up for {Durations.Format(_config.StartSecs)}");
                break;
            case Backoff:
                _restarts++;
                Spawn($"restart {_restarts} after backoff");
                break;
            case Fatal:
                _retryingAfterFatal = true;
                _restarts++;
                Spawn("retry_after elapsed: one more try");
                break;
            case Stopping when _child is not null:
                Log.StopTimedOut(_logger, Name, _child.Pid, _config.StopTimeout);
                _killReason = "killed after stop_timeout";
                _child.KillTree();
                break;
        }
    }

    private void Spawn(string why)
    {
        _nextRetryAt = null;
        try
        {
            var spec = new ChildProcessSpec(
                _config.Command,
                _config.Args,
                _config.WorkingDirectory,
                BuildEnvironment()
            );
            _child = ChildProcess.Start(spec);
        }
        catch (ChildStartException e)
        {
            Log.SpawnFailed(_logger, Name, e.Message);
            Transition(Starting, why);
            OnUnexpectedExit(TimeSpan.Zero, "could not start: " + e.Message);
            return;
        }

        var started = _child;
        _statusText = null;
        _spawnedAt = _time.GetTimestamp();
        _pump = _logs.PumpAsync(started.StandardOutput, started.StandardError);
        _ = started.Exited.ContinueWith(
            t => _inbox.Writer.TryWrite(new ProgramMessage.ProcessExited(started, t.Result)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default
        );
        Log.Spawned(_logger, Name, started.Pid);
        if (_config.Ready == ReadyMode.Notify)
        {
            Transition(Starting, why, _config.ReadyTimeout);
        }
        else if (_config.StartSecs <= TimeSpan.Zero)
        {
            Transition(Starting, why);
            Transition(Running, "start_secs is 0");
        }
        else
        {
            Transition(Starting, why, _config.StartSecs);
        }
    }

    private async Task HandleReconfigureAsync(ProgramMessage.Reconfigure reconfigure)
    {
        if (StateMachine.HasProcess(_state))
        {
            reconfigure.Done.TrySetException(
                new InvalidOperationException($"program '{Name}' must be stopped before it is reconfigured")
            );
            return;
        }

        var old = _config;
        _config = reconfigure.Config;
        _backoff = new BackoffTracker(_config.Backoff, _random);
        if (old.Logs != _config.Logs)
        {
            await _logs.DisposeAsync().ConfigureAwait(false);
            _logs = OpenLogs();
        }

        Publish();
        reconfigure.Done.TrySetResult(_snapshot);
    }

    private async Task HandleShutdownAsync()
    {
        _timer?.Dispose();
        DisarmWatchdog();
        if (_child is { } running)
        {
            running.KillTree();
            await running.Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            await running.DisposeAsync().ConfigureAwait(false);
            _child = null;
        }

        _inbox.Writer.TryComplete();
        foreach (var waiter in _startWaiters.Concat(_stopWaiters))
        {
            waiter.TrySetResult(_snapshot);
        }
    }

    private void ForgetFailures()
    {
        _backoff.Reset();
        _recentRestarts.Clear();
        _retryingAfterFatal = false;
    }
}
