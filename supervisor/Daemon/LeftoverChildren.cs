using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Stops processes a previous daemon left behind (it was SIGKILLed, say), so a new daemon never runs a
/// second copy of a bot next to an unsupervised one.
/// </summary>
public static class LeftoverChildren
{
    /// <summary>
    /// TERM to each still-alive recorded child's group, up to <paramref name="grace"/> to exit, then SIGKILL of its
    /// tree.
    /// </summary>
    /// <returns>The records that were still alive.</returns>
    public static async Task<IReadOnlyList<ChildRecord>> StopAsync(
        IEnumerable<ChildRecord> children,
        TimeSpan grace,
        TimeProvider time,
        CancellationToken cancellationToken = default
    )
    {
        var alive = children.Where(c => ProcessTable.IsAlive(c.Pid, c.StartTime)).ToList();
        foreach (var child in alive)
        {
            NativeMethods.SendSignal(-child.Pid, SignalNames.Term);
            NativeMethods.SendSignal(child.Pid, SignalNames.Term);
        }

        var started = time.GetTimestamp();
        while (alive.Any(c => ProcessTable.IsAlive(c.Pid, c.StartTime)) && time.GetElapsedTime(started) < grace)
        {
            // These are not our children, so there is no exit notification to wait on: poll /proc briefly.
            await Task.Delay(TimeSpan.FromMilliseconds(20), time, cancellationToken).ConfigureAwait(false);
        }

        foreach (var child in alive)
        {
            if (ProcessTable.IsAlive(child.Pid, child.StartTime))
            {
                ChildProcess.KillTree(child.Pid, child.Pid);
            }
            else
            {
                NativeMethods.SendSignal(-child.Pid, SignalNames.Kill); // what is left of its process group
            }
        }

        return alive;
    }
}
