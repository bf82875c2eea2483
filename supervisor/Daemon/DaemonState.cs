namespace MoneyBot.Supervisor.Daemon;

/// <summary>What the daemon remembers across its own restarts (run_dir/state.json).</summary>
/// <param name="StoppedByOperator">Programs an operator stopped: they stay stopped.</param>
/// <param name="Children">Processes it had running, to stop if it died without stopping them.</param>
public sealed record DaemonState(IReadOnlyList<string> StoppedByOperator, IReadOnlyList<ChildRecord> Children)
{
    public static DaemonState Empty { get; } = new([], []);
}

/// <summary>
/// A child process identified by pid and kernel start time (so a reused pid is never mistaken for it).
/// </summary>
public sealed record ChildRecord(string Name, int Pid, ulong StartTime);
