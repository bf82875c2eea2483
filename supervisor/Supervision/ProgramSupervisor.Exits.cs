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
        var uptime = time.GetElapsedTime(spawnedAt);
        lastUptime = uptime;
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
}
