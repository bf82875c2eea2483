using MoneyBot.Supervisor.Processes;

namespace MoneyBot.Supervisor.Daemon;

/// <summary>
/// Stops processes a previous daemon left behind (it was SIGKILLed, say), so a new daemon never runs a
/// second copy of a bot next to an unsupervised one. They are found two ways: the children its state file
/// recorded, and every process that carries the run directory's <see cref="ChildMarker"/> in its environment. The
/// marker is there from the child's first instruction on, so even a child spawned a moment before the daemon died,
/// before it could be recorded, is found.
/// </summary>
public static class LeftoverChildren
{
    /// <summary>
    /// TERM to each still-alive leftover's group, up to <paramref name="grace"/> to exit, then SIGKILL of its tree.
    /// </summary>
    /// <param name="recorded">The children the state file lists.</param>
    /// <param name="runDir">The run directory whose marked processes are leftovers (the caller holds its lock and
    /// has not started anything yet).</param>
    /// <param name="grace">How long they get to exit after TERM.</param>
    /// <param name="time">Clock for that grace.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns>The leftovers that were still alive.</returns>
    public static async Task<IReadOnlyList<ChildRecord>> StopAsync(
        IEnumerable<ChildRecord> recorded,
        string runDir,
        TimeSpan grace,
        TimeProvider time,
        CancellationToken cancellationToken = default
    )
    {
        var alive = recorded.Where(c => ProcessTable.IsAlive(c.Pid, c.StartTime)).ToList();
        foreach (var marked in ProcessTable.FindMarked(runDir))
        {
            if (alive.All(c => c.Pid != marked.Pid))
            {
                alive.Add(new ChildRecord(marked.Program, marked.Pid, marked.StartTime));
            }
        }

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
