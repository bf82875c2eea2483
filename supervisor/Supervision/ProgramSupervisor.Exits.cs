using MoneyBot.Common.Units;
using MoneyBot.Supervisor.Config;
using MoneyBot.Supervisor.Processes;
using static MoneyBot.Supervisor.Supervision.ProgramState;

namespace MoneyBot.Supervisor.Supervision;

// What happens when a program's process ends: expected exit, stop, or a failure that backs off or gives up.
public sealed partial class ProgramSupervisor
{
    private async Task HandleExitAsync(ChildProcess exitedChild, ExitStatus status)
    {
        var uptime = _time.GetElapsedTime(_spawnedAt);
        _lastUptime = uptime;
        exitedChild.KillTree(); // nothing of the program may outlive its main process
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(2), _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.OutputStillOpen(_logger, Name, exitedChild.Pid);
        }

        Log.ProcessEnded(_logger, Name, exitedChild.Pid, status, uptime);
        _child = null;
        _lastExit = status;
        _lastExitAt = _time.GetUtcNow();
        await exitedChild.DisposeAsync().ConfigureAwait(false);
        var why = _killReason ?? status.ToString();
        var exitReasonIsKill = _killReason is not null;
        _killReason = null;

        if (_state == Stopping)
        {
            Transition(Stopped, _stoppedByOperator ? $"stopped by operator ({status})" : $"stopped ({status})");
            if (_startWaiters.Count > 0)
            {
                Spawn("restart requested");
            }

            return;
        }

        var expected =
            _config.Restart == RestartMode.Never
            || (
                _config.Restart == RestartMode.OnFailure && status.Code is { } code && _config.ExitCodes.Contains(code)
            );
        if (expected)
        {
            Transition(Exited, $"{status} (expected)");
            return;
        }

        var when = _state switch
        {
            // the kill reason (no READY=1 within ready_timeout) already says when
            Starting when _killReason is not null || exitReasonIsKill => string.Empty,
            Starting when _config.Ready == ReadyMode.Notify => $" after {Durations.Format(uptime)}, before READY=1",
            Starting => $" after {Durations.Format(uptime)}, within start_secs ({Durations.Format(_config.StartSecs)})",
            _ => $" after {Durations.Format(uptime)}",
        };
        OnUnexpectedExit(uptime, why + when);
    }

    private void OnUnexpectedExit(TimeSpan uptime, string why)
    {
        var now = _time.GetTimestamp();
        while (_recentRestarts.TryPeek(out var t) && _time.GetElapsedTime(t, now) > _config.GiveUp.Within)
        {
            _recentRestarts.Dequeue();
        }

        if (uptime >= _config.Backoff.ResetAfter)
        {
            _retryingAfterFatal = false;
        }

        if (_retryingAfterFatal || _recentRestarts.Count >= _config.GiveUp.Restarts)
        {
            var retry = _config.GiveUp.RetryAfter;
            _nextRetryAt = retry is { } r ? _time.GetUtcNow() + r : null;
            Transition(
                Fatal,
                $"{why}; gave up after {_recentRestarts.Count} restarts within "
                    + Durations.Format(_config.GiveUp.Within),
                retry,
                retry is { } ra ? $"; one more try in {Durations.Format(ra)}" : null
            );

            return;
        }

        var backoffDelay = _backoff.NextDelay(uptime);
        _recentRestarts.Enqueue(now);
        _nextRetryAt = _time.GetUtcNow() + backoffDelay;
        // numbered like RESTARTS will be once it happens
        Transition(Backoff, $"{why}; restart {_restarts + 1}", backoffDelay, $" in {Durations.Format(backoffDelay)}");
    }
}
